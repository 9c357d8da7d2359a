"""What a request's attachments may be: the core upload policy for requests (checked by
core.uploads.upload_validate) and how many one request may carry."""

from alleyhub.core.uploads import MB, UploadPolicy

MAX_ATTACHMENTS_PER_REQUEST = 10
# PDF, DOCX, XLSX, PNG, JPG, TXT up to 10 MB each (what the submit form tells the enterprise).
ATTACHMENTS = UploadPolicy(
    extensions=frozenset({".pdf", ".docx", ".xlsx", ".png", ".jpg", ".jpeg", ".txt"}),
    max_bytes=10 * MB,
)
