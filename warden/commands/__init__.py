"""Sub-commands of ``warden``, one module per area. Each imports ``cli`` and adds to it."""
