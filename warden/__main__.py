"""``python -m warden`` runs the command line."""

from warden.cli import main

if __name__ == "__main__":
    main()
