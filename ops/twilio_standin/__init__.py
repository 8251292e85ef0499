"""A local stand-in for Twilio's Messages API (a development and test tool, not product code).

`server` is the aiohttp application (`create_standin_app`, `main` for `asb twilio-standin`):
Twilio's Messages API, the signed status callbacks and the control API for tests. `state` is
what it remembers (`StandinState`, `STANDIN_STATE`): Twilio-like message records, requested
faults, and the inbound texts it posted. `guard` keeps it an offline tool: it says so on its
pages, its control API needs `ASB_STANDIN_TOKEN` when set, and it listens on loopback only
unless `ASB_STANDIN_ALLOW_REMOTE=1`.
"""
