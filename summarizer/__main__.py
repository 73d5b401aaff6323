"""`python -m summarizer` is the `summarize` command."""

from summarizer.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
