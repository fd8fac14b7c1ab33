"""`python -m lasttrain_awards` runs the `awards` CLI."""

from lasttrain_awards.cli import main

if __name__ == "__main__":
    main()
