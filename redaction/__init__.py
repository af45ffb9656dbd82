"""Redaction: readers, validation, quarantine, PII detection, pseudonyms, keyring, vault."""
