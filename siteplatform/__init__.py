"""Platform: what runs every school's site and belongs to no content area — provisioning,
page cache, upload and text validation."""
