"""What the commands that regenerate a committed fixture from a build-time
package share (build_gazetteer, build_map_shapes): --output, --check, and
writing the text or checking the committed file against it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError


class FixtureCommand(BaseCommand):
    default_output: Path  # set by each command

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=self.default_output)
        parser.add_argument(
            "--check",
            action="store_true",
            help="write nothing; fail when the fixture differs from what the package gives",
        )

    def fixture_save(self, output: Path, text: str, *, check: bool) -> bool:
        """Write `text` to `output` (True), or with `check` compare them and
        fail when they differ (False when they agree)."""
        if check:
            current = output.read_text(encoding="utf-8") if output.exists() else ""
            if current != text:
                raise CommandError(f"{output} is out of date: run manage.py {self.command_name()}")
            self.stdout.write(f"{output} is up to date")
            return False
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        return True

    def command_name(self) -> str:
        return self.__module__.rsplit(".", 1)[-1]
