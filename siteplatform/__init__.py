"""Platform: what runs every school's site and belongs to no content area — provisioning and
roles, page cache, security headers, upload and text validation, mails sent once, .docx."""
