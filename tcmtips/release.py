"""The release: a name for this code and these templates, which the default cache's keys start with
(``KEY_PREFIX``). Pages, fragments and served pages are kept for days under keys that name the content
they show; a deploy that changes how that content is rendered (a template, a tag, a model) must not serve
what the previous release rendered. Under a new prefix, the new release starts with a cold cache (and
with new counters, sessions read once from the database, rate limits counted afresh), and the old
entries age out of Redis.

``RELEASE`` in the environment names it (a deploy may pass its git commit); otherwise it is a digest of
the project's own files and of the Django and Wagtail versions, the same on every app server that runs
the same files."""

import hashlib
from pathlib import Path

SKIPPED = {"__pycache__", "tests", "node_modules"}


def source_digest(base_dir, folders):
    import django
    import wagtail

    digest = hashlib.blake2b(f"{django.__version__}:{wagtail.__version__}".encode(), digest_size=6)
    for folder in folders:
        root = Path(base_dir) / folder
        for path in sorted(root.rglob("*")):
            if path.is_file() and not SKIPPED & set(path.relative_to(root).parts):
                digest.update(str(path.relative_to(base_dir)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()
