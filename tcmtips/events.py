"""Signals the feature apps send and the layers above them listen to, so apps never import those layers."""

from django.dispatch import Signal

# Sent when what readers see changed without a model save that signals would catch (a bulk update()).
# Arguments: ``instances``, the objects that changed.
content_changed = Signal()
