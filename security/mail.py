"""The mail backend of a production site that has no mail server configured (no ``EMAIL_URL``).

Printing mail to the log, as in development, would put password-reset links in the log, and those open
an account to whoever reads it. So the mail is dropped, and a warning says how many messages were lost
(never to whom or what they said)."""

import logging

from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger("tcmtips.mail")


class DiscardWithWarningBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        count = len(list(email_messages or []))
        if count:
            logger.warning("%d message(s) not sent: set EMAIL_URL to a mail server to send mail.", count)
        return 0
