"""The Certificates section (issue 5): the register, the in-app preview and print, and the
recognition and revocation decision dialogs."""
