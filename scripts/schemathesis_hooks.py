"""Schemathesis hooks for `scripts/contract.sh`: bodies of the media types it cannot make itself.

A council's advice is uploaded as `application/pdf` (PUT /advice-requests/{id}/advice/{council}/
document); these are small, valid PDF files, so the server's answer depends on who asks, not on
unreadable bytes.
"""
from hypothesis import strategies as st
import schemathesis

schemathesis.openapi.media_type(
    "application/pdf",
    st.sampled_from(
        [
            b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n% Advies van de raad\n%%EOF\n",
        ]
    ),
)
