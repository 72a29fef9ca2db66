from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand

from editorial.demo.loader import load_demo

# Development only: the command refuses to create accounts unless DEBUG is on.
# Each account has its role's permissions only (groups from bulletins/migrations), so the
# demo shows what each role may do; none is a superuser.
DEMO_ACCOUNTS = [
    # username, password, role
    ("editor", "editor-demo", "Editor"),
    ("publisher", "publisher-demo", "Publisher"),
    ("translator", "translator-demo", "Translator"),
    ("admin", "admin-demo", "Administrator"),
]


class Command(BaseCommand):
    help = (
        "Load the two seed briefings with their partners, events and topics, and create "
        "demo accounts (development only). Safe to run again: nothing is duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-accounts", action="store_true", help="Load the content only, create no accounts."
        )

    def handle(self, *args, no_accounts=False, **options):
        created = load_demo()
        summary = ", ".join(f"{count} {kind}" for kind, count in created.items())
        self.stdout.write(f"Demo content: created {summary}.")
        if no_accounts:
            return
        if not settings.DEBUG:
            self.stdout.write("DEBUG is off: no demo accounts created.")
            return
        self.stdout.write("Demo logins at http://127.0.0.1:8000/admin/ :")
        for username, password, role in DEMO_ACCOUNTS:
            # Their mail (a publisher hears of issues awaiting review) reaches make run's
            # mail server, kept in var/mail/.
            user, new = User.objects.get_or_create(
                username=username,
                defaults={"is_staff": True, "email": f"{username}@example.org"},
            )
            if new:
                user.set_password(password)
                user.save()
                user.groups.add(Group.objects.get(name=role))
                self.stdout.write(f"  {role:<14} {username} / {password}")
            else:
                self.stdout.write(f"  {role:<14} {username} (exists; password unchanged)")
