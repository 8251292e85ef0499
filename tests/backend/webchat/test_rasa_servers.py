"""Issue 14: choosing a Rasa server per conversation and failing over
(backend/webchat/rasa_servers.py), against real local HTTP servers standing in for Rasa."""

# ruff: noqa: F811 (the fixture imported from rasa_fakes is an argument of the tests here)
from __future__ import annotations

from collections import Counter

import aiohttp
import pytest

from backend.webchat import rasa_servers
from backend.webchat.rasa_servers import RasaServers
from tests.backend.webchat.rasa_fakes import StartRasa, start_rasa  # noqa: F401 (fixture)

A, B, C = "http://10.0.0.1:5005", "http://10.0.0.2:5005", "http://10.0.0.3:5005"
PATH = "/webhooks/webchat/webhook"


def test_every_backend_picks_the_same_server_for_a_conversation() -> None:
    # Two backend processes, the servers listed in another order: the same choice.
    one, other = RasaServers([A, B, C]), RasaServers([C, A, B + "/"])
    for n in range(50):
        key = f"conversation-{n}"
        assert one.order_for(key) == other.order_for(key)
        assert sorted(one.order_for(key)) == [A, B, C]


def test_conversations_spread_over_the_servers() -> None:
    servers = RasaServers([A, B, C])
    firsts = Counter(servers.order_for(f"conversation-{n}")[0] for n in range(3000))
    assert set(firsts) == {A, B, C}
    assert all(800 < count < 1200 for count in firsts.values()), firsts


def test_taking_a_server_away_moves_only_its_conversations() -> None:
    three, two = RasaServers([A, B, C]), RasaServers([A, B])
    for n in range(500):
        key = f"conversation-{n}"
        before = three.order_for(key)[0]
        if before != C:
            assert two.order_for(key)[0] == before


def test_a_server_that_failed_goes_last_for_a_few_seconds() -> None:
    now = [100.0]
    servers = RasaServers([A, B, C], down_seconds=5.0, clock=lambda: now[0])
    key = "conversation-1"
    first, second, third = servers.order_for(key)
    servers.mark_down(first)
    assert servers.order_for(key) == [second, third, first]  # still tried, last
    now[0] += 5.1
    assert servers.order_for(key) == [first, second, third]
    servers.mark_down(first)
    servers.mark_up(first)
    assert servers.order_for(key)[0] == first


def test_at_least_one_server_is_needed() -> None:
    with pytest.raises(ValueError):
        RasaServers(["", " "])


def first_choice_is(servers: RasaServers, url: str, prefix: str = "conversation") -> str:
    """A key whose first choice is `url`."""
    for n in range(1000):
        key = f"{prefix}-{n}"
        if servers.order_for(key)[0] == url:
            return key
    raise AssertionError("no key found")


async def post(servers: RasaServers, key: str, timeout: float = 5.0) -> rasa_servers.RasaAnswer:
    async with aiohttp.ClientSession(trace_configs=[rasa_servers.tracing()]) as http:
        body = b'{"sender": "s", "message": "hello"}'
        headers = {"Content-Type": "application/json"}
        return await rasa_servers.post(servers, http, key, PATH, body, headers, timeout)


async def test_a_dead_server_is_skipped_at_once_and_remembered(start_rasa: StartRasa) -> None:
    dead, alive = await start_rasa(2)
    servers = RasaServers([dead.url, alive.url])
    await dead.stop()
    key = first_choice_is(servers, dead.url)
    answer = await post(servers, key)
    assert answer.status == 200 and answer.server == alive.url
    assert servers.is_down(dead.url)
    assert servers.order_for(key)[0] == alive.url


async def test_a_proxy_saying_503_sends_the_message_to_the_next_server(
    start_rasa: StartRasa,
) -> None:
    behind_proxy, alive = await start_rasa(2)
    behind_proxy.mode = "proxy_503"
    servers = RasaServers([behind_proxy.url, alive.url])
    answer = await post(servers, first_choice_is(servers, behind_proxy.url))
    assert answer.server == alive.url and answer.status == 200
    assert len(alive.received) == 1


async def test_a_timeout_after_the_message_arrived_is_not_retried(start_rasa: StartRasa) -> None:
    slow, other = await start_rasa(2)
    slow.mode = "slow"
    servers = RasaServers([slow.url, other.url])
    with pytest.raises(rasa_servers.RasaTimeout):
        await post(servers, first_choice_is(servers, slow.url), timeout=0.3)
    assert len(slow.received) == 1
    assert other.received == []  # it may have been processed: never sent twice
    assert not servers.is_down(slow.url)


async def test_an_error_answer_is_returned_not_retried(start_rasa: StartRasa) -> None:
    first, other = await start_rasa(2)
    servers = RasaServers([first.url, other.url])
    key = first_choice_is(servers, first.url)
    async with aiohttp.ClientSession(trace_configs=[rasa_servers.tracing()]) as http:
        answer = await rasa_servers.post(servers, http, key, PATH, b"not json", {}, 5.0)
    assert answer.status == 500 and answer.server == first.url  # the fake could not parse it
    assert other.received == []


async def test_no_server_reachable_says_so(start_rasa: StartRasa) -> None:
    fakes = await start_rasa(2)
    servers = RasaServers([fake.url for fake in fakes])
    for fake in fakes:
        await fake.stop()
    with pytest.raises(rasa_servers.RasaUnreachable):
        await post(servers, "conversation-1")
    assert all(servers.is_down(fake.url) for fake in fakes)
