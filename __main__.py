"""Allow ``python -m gvc_advisor``."""

from gvc_advisor.cli import main

if __name__ == "__main__":
    main()
