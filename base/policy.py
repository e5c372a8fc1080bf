"""The editorial policy page: one per site, made for every install (``ensure_editorial_policy``), with a first
version of its text that editors can rewrite in the admin."""

POLICY_SLUG = "editorial-policy"
POLICY_TITLE = "Editorial policy"

DEFAULT_BODY = """
<h2 data-block-key="w1">How we write</h2>
<p data-block-key="w2">Every article is written by a named author whose page tells you who they are and what
they know. We write for people looking after themselves at home: plain words, steps you can follow, and a clear
line where self-care stops and a visit to a doctor or a qualified practitioner starts. Where we say that
something helps, we say what the evidence is and how strong it is, and we list our sources at the end of the
article, numbered as they are cited in the text.</p>
<h2 data-block-key="w3">How articles are medically reviewed</h2>
<p data-block-key="w4">Before an article is published, a named reviewer with clinical training reads it and
checks it against the sources. Only their approval publishes it; the badge at the top of the article gives
their name and the date they approved it. If the text is changed after that, the badge says so until a reviewer
has approved the new version. Each article is reviewed again at a fixed interval, and the article shows when its
next review is due.</p>
<h2 data-block-key="w5">Corrections</h2>
<p data-block-key="w6">When we get something wrong, we fix it and say so. A correction is listed in the article's
update log, marked as a correction and dated, next to the routine updates. If you think something we wrote is
wrong, please tell us, and a reviewer will check it against the sources.</p>
<h2 data-block-key="w7">How we choose products</h2>
<p data-block-key="w8">We only feature tools that suit what the article teaches, and we say what each one is for and
who it suits. No maker pays to be featured, and no maker sees an article before it is published.
We check every retailer link regularly; each product shows when its link was last checked, and a link that no
longer passes its check is taken off the page until it works again.</p>
<h2 data-block-key="w9">How affiliate links work</h2>
<p data-block-key="w10">Some links to retailers are affiliate links: if you buy after following one, the retailer
may pay us a small commission, at no extra cost to you. A notice before the first such link on a page says so.
Commissions never decide what we write or which products we feature.</p>
"""


def policy_body():
    return DEFAULT_BODY.strip()
