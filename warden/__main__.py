"""``python -m warden`` runs the command line (the one module of the kernel that
reaches up: an entry point, imported by nothing)."""

from app.cli import main

if __name__ == "__main__":
    main()
