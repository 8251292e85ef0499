"""`bin/asb partner-webhook add|list|disable`: partners' webhooks from the command line.

The signing secret is printed once, when the webhook is added; the command records the
operating-system account that ran it as the actor (as `bin/asb partner-key` does).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import datetime

from core.codes import WEBHOOK_EVENTS as EVENTS
from core.settings import Settings


def run_partner_webhook(
    settings: Settings,
    action: str,
    *,
    partner: str = "",
    url: str = "",
    events: Sequence[str] = (),
    webhook_id: int | None = None,
    now: datetime | None = None,
) -> tuple[int, str]:
    """Do `action` (add, list, disable); (exit status, what to print)."""
    # Imported here: ops/cli.py builds this command's parser in every process it starts (the
    # Rasa server included), which need none of the database code.
    from backend.db import make_engine, make_session_factory, transaction, utcnow
    from backend.retention.command import command_actor
    from backend.webhooks import service

    engine = make_engine(settings.database_url)
    moment = now or utcnow()
    actor = command_actor()
    try:
        with transaction(make_session_factory(engine)) as session:
            if action == "add":
                issued = service.add_subscription(
                    session, partner=partner, url=url, events=events, actor=actor, now=moment
                )
                return 0, (
                    f"webhook {issued.subscription_id} added for {issued.partner} "
                    f"(events: {', '.join(issued.events)}) -> {issued.url}\n"
                    f"signing secret (shown once, keep it safe): {issued.secret}"
                )
            if action == "disable" and webhook_id is not None:
                cancelled = service.disable_subscription(
                    session, webhook_id, actor=actor, now=moment
                )
                return 0, f"webhook {webhook_id} is disabled ({cancelled} waiting cancelled)"
            if action == "list":
                return 0, _listing(service.list_subscriptions(session))
    except service.WebhookError as exc:
        return 1, str(exc)
    finally:
        engine.dispose()
    return 2, f"unknown action {action!r} (add, list, disable WEBHOOK_ID)"


def _listing(webhooks: list[dict]) -> str:
    if not webhooks:
        return "no webhook yet"
    lines = []
    for hook in webhooks:
        counts = hook["counts"]
        state = "on" if hook["live"] else "disabled"
        lines.append(
            f"{hook['id']:>4}  {hook['secret_prefix']}…  {hook['partner']}  {hook['url']}  "
            f"events {','.join(hook['events'])}  {state}  delivered {counts['delivered']}, "
            f"waiting {counts['pending'] + counts['sending']}, failed {counts['failed']}"
        )
    return "\n".join(lines)


def cmd_partner_webhook(args: argparse.Namespace) -> int:
    """Partners' webhooks for case events (docs/partners.md): add, list, disable."""
    status, text = run_partner_webhook(
        Settings.from_env(),
        args.action,
        partner=getattr(args, "partner", "") or "",
        url=getattr(args, "url", "") or "",
        events=getattr(args, "event", None) or EVENTS,
        webhook_id=getattr(args, "webhook_id", None),
    )
    print(text, flush=True)
    return status


def add_partner_webhook_parser(sub: argparse._SubParsersAction) -> None:
    """`asb partner-webhook add|list|disable` (a subcommand of ops/cli.py)."""
    webhook = sub.add_parser("partner-webhook", help="partners' webhooks for case events")
    webhook_sub = webhook.add_subparsers(dest="action", required=True)
    add = webhook_sub.add_parser("add", help="send case events to a partner (secret printed once)")
    add.add_argument("partner", help="the partner's name, e.g. 'Example Borough Council'")
    add.add_argument("url", help="https:// (http:// only to localhost)")
    add.add_argument(
        "--event", action="append", choices=EVENTS, help="repeat for several (default: all)"
    )
    webhook_sub.add_parser("list", help="every webhook (never its secret)")
    disable = webhook_sub.add_parser("disable", help="stop sending to a webhook")
    disable.add_argument("webhook_id", type=int)
    webhook.set_defaults(func=cmd_partner_webhook)
