"""``netnet serve`` is safe by default (issue 19): the token and its cookie, only its own page
(Host, Origin, nothing from other hosts), bounded sessions, sessions closed with a save.

These run the real server in the test's event loop with a stand-in session app (it speaks
textual-serve's protocol and reports what it was given), so no browser and no netnet app
process is needed.
"""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import aiohttp
import pytest

pytest.importorskip("textual_serve", reason="netnet serve needs the web extra: pip install '.[web]'")

from netnet.web.server import CLOSE_IDLE, CLOSE_REFUSED, ServeConfig  # noqa: E402
from tests.web_helpers import base_of, client, fake_argv, pid_alive, running_server, until  # noqa: E402


def config(tmp_path: Path, *extra: str, **kwargs) -> ServeConfig:
    env = {"PATH": "/usr/bin:/bin", "FAKE_RECORD": str(tmp_path / "record.txt")}
    env.update(kwargs.pop("env", {}))
    return ServeConfig(argv=fake_argv(*extra), env=env, **kwargs)


def record(tmp_path: Path) -> list[str]:
    path = tmp_path / "record.txt"
    return path.read_text().split() if path.exists() else []


async def signed_in(server) -> aiohttp.ClientSession:
    session = client()
    async with session.get(server.url()) as page:
        assert page.status == 200
    return session


def ws_url(server, query: str = "") -> str:
    return f"ws://127.0.0.1:{server.port}/ws{query}"


def origin(server) -> str:
    return f"http://127.0.0.1:{server.port}"


async def first_packet(ws) -> dict:
    message = await asyncio.wait_for(ws.receive(), 10)
    assert message.type == aiohttp.WSMsgType.BINARY, message
    return json.loads(message.data)


async def test_nothing_is_served_without_the_token_or_its_cookie(tmp_path: Path) -> None:
    async with running_server(config(tmp_path)) as server, client() as http:
        base = base_of(server.url())
        for path in ("/", "/?token=not-the-token", "/static/netnet/netnet.js",
                     "/static/textual/js/textual.js", "/download/anything"):
            async with http.get(base + path, allow_redirects=False) as answer:
                assert answer.status == 403, path
                text = await answer.text()
                assert text.startswith("netnet: ") and text.count("\n") == 1  # one sentence
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await http.ws_connect(ws_url(server), origin=origin(server))
        assert refused.value.status == 403
    assert server.started == 0 and record(tmp_path) == []  # no app was started for anyone


async def test_the_token_becomes_an_httponly_strict_cookie_and_leaves_the_address(tmp_path: Path) -> None:
    async with running_server(config(tmp_path)) as server, client() as http:
        token = server.config.token
        assert len(token) >= 40 and token in server.url()
        async with http.get(server.url(), allow_redirects=False) as answer:
            assert answer.status == 303
            assert answer.headers["Location"] == "/"  # the token leaves the address bar
            cookie = answer.headers["Set-Cookie"]
        assert re.search(r"; HttpOnly\b", cookie, re.I)
        assert re.search(r"; SameSite=Strict\b", cookie, re.I)
        assert re.search(r"; Path=/(;|$)", cookie, re.I)
        assert token not in cookie  # the cookie is a secret of its own
        async with http.get(base_of(server.url()) + "/") as page:
            assert page.status == 200
            assert 'class="textual-terminal"' in await page.text()
        # a second netnet serve on another port would use another cookie name
        assert server.cookie_name == f"netnet_{server.port}"


async def test_the_page_loads_nothing_from_elsewhere_and_sends_no_referrer(tmp_path: Path) -> None:
    async with running_server(config(tmp_path)) as server:
        http = await signed_in(server)
        base = base_of(server.url())
        async with http:
            async with http.get(base + "/") as page:
                html = await page.text()
                headers = page.headers
            csp = headers["Content-Security-Policy"]
            for rule in ("default-src 'none'", "script-src 'self'", "font-src 'self'", "frame-ancestors 'none'",
                         "base-uri 'none'"):
                assert rule in csp
            assert headers["Referrer-Policy"] == "no-referrer"
            assert headers["X-Content-Type-Options"] == "nosniff"
            assert "googleapis" not in html and "https://" not in html and "http://" not in html
            assert "<script>" not in html  # no inline script: the CSP allows none
            wanted = re.findall(r'(?:href|src)="(/static/[^"]+)"', html)
            async with http.get(base + "/static/netnet/netnet.css") as css:
                wanted += re.findall(r'url\("(/static/[^"]+)"\)', await css.text())
            assert any(path.endswith(".ttf") for path in wanted)  # the font ships with it
            for path in wanted:
                async with http.get(base + path) as asset:
                    assert asset.status == 200, path
                    body = await asset.read()
                    if path.endswith((".css", ".html")):
                        assert b"googleapis" not in body and b"@import" not in body, path


async def test_a_host_header_other_than_its_own_is_refused(tmp_path: Path) -> None:
    async with running_server(config(tmp_path)) as server, client() as http:
        base = base_of(server.url())
        for host in ("evil.example", f"evil.example:{server.port}", f"127.0.0.1:{server.port + 1}",
                     f"attacker.127.0.0.1.nip.io:{server.port}"):
            async with http.get(server.url(), headers={"Host": host}, allow_redirects=False) as answer:
                assert answer.status == 403, host
                assert "Set-Cookie" not in answer.headers
        async with http.get(server.url(), headers={"Host": f"localhost:{server.port}"},
                            allow_redirects=False) as answer:
            assert answer.status == 303  # its own names are fine
        assert base.startswith("http://127.0.0.1:")


async def test_a_websocket_from_another_origin_is_refused(tmp_path: Path) -> None:
    async with running_server(config(tmp_path)) as server:
        http = await signed_in(server)  # even holding the cookie
        async with http:
            for foreign in ("http://evil.example", f"http://evil.example:{server.port}",
                            f"http://127.0.0.1:{server.port + 1}", "null", None):
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    await http.ws_connect(ws_url(server), origin=foreign)
                assert refused.value.status == 403, foreign
            assert server.started == 0
            ws = await http.ws_connect(ws_url(server), origin=origin(server))
            assert (await first_packet(ws))["driver"] == "textual.drivers.web_driver:WebDriver"
            await ws.close()


async def test_one_session_at_a_time_unless_asked_for_more(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("netnet.web.server.SLOT_WAIT", 0.3)
    async with running_server(config(tmp_path)) as server:
        http = await signed_in(server)
        async with http:
            first = await http.ws_connect(ws_url(server), origin=origin(server))
            await first_packet(first)
            second = await http.ws_connect(ws_url(server), origin=origin(server))
            message = await asyncio.wait_for(second.receive(), 10)
            kind, sentence = json.loads(message.data)
            assert kind == "netnet-refused"
            assert "already open" in sentence and "--sessions 2" in sentence
            closing = await asyncio.wait_for(second.receive(), 10)
            assert closing.type == aiohttp.WSMsgType.CLOSE and second.close_code == CLOSE_REFUSED
            assert server.started == 1
            await first.close()
            third = await http.ws_connect(ws_url(server), origin=origin(server))  # the place is free again
            await first_packet(third)
            await third.close()
    async with running_server(config(tmp_path, sessions=2)) as server:
        http = await signed_in(server)
        async with http:
            both = [await http.ws_connect(ws_url(server), origin=origin(server)) for _ in range(2)]
            for ws in both:
                await first_packet(ws)
            assert len(server.sessions) == 2
            for ws in both:
                await ws.close()


async def test_the_terminal_size_is_clamped(tmp_path: Path) -> None:
    async with running_server(config(tmp_path)) as server:
        http = await signed_in(server)
        async with http:
            ws = await http.ws_connect(ws_url(server, "?width=100000&height=-3"), origin=origin(server))
            assert (await first_packet(ws))["size"] == ["400", "8"]
            await ws.send_str(json.dumps(["resize", {"width": 10**9, "height": "lots"}]))
            message = await asyncio.wait_for(ws.receive(), 10)
            assert message.data == b"resize:400x24"
            await ws.send_str("not json")  # ignored, the session carries on
            await ws.send_str(json.dumps({"stdin": "x"}))
            await ws.send_str(json.dumps(["stdin", "hello"]))
            message = await asyncio.wait_for(ws.receive(), 10)
            assert message.data == b"echo:hello"
            await ws.close()


async def test_the_session_starts_from_an_argument_list_in_its_own_process_group(tmp_path: Path) -> None:
    awkward = str(tmp_path / "my network's $(touch pwned); `x` \"db\".db")
    async with running_server(config(tmp_path, "--db", awkward)) as server:
        http = await signed_in(server)
        async with http:
            ws = await http.ws_connect(ws_url(server), origin=origin(server))
            told = await first_packet(ws)
            assert told["argv"] == ["--db", awkward]  # exactly, with no shell in between
            assert told["own_group"]  # Ctrl+C in the server's terminal reaches only the server
            await ws.close()
    assert not (Path.cwd() / "pwned").exists() and not (tmp_path / "pwned").exists()


async def test_the_page_hears_when_a_call_is_live(tmp_path: Path) -> None:
    async with running_server(config(tmp_path)) as server:
        http = await signed_in(server)
        async with http:
            ws = await http.ws_connect(ws_url(server), origin=origin(server))
            await first_packet(ws)
            await ws.send_str(json.dumps(["stdin", "call"]))
            message = await asyncio.wait_for(ws.receive(), 10)
            assert json.loads(message.data) == ["netnet-call", {"live": True}]
            await ws.close()


async def test_closing_the_page_tells_the_session_to_quit_and_waits_for_it(tmp_path: Path) -> None:
    async with running_server(config(tmp_path)) as server:
        http = await signed_in(server)
        async with http:
            ws = await http.ws_connect(ws_url(server), origin=origin(server))
            await first_packet(ws)
            await ws.close()
            assert await until(lambda: not server.sessions, 10)
    assert record(tmp_path) == ["started", "quit", "ended"]


async def test_an_idle_session_is_told_so_saved_and_closed(tmp_path: Path) -> None:
    async with running_server(config(tmp_path, idle_seconds=0.5)) as server:
        http = await signed_in(server)
        async with http:
            ws = await http.ws_connect(ws_url(server), origin=origin(server))
            await first_packet(ws)
            message = await asyncio.wait_for(ws.receive(), 10)
            kind, sentence = json.loads(message.data)
            assert kind == "netnet-ended" and "without a key or a click" in sentence and "saved" in sentence
            while (message := await asyncio.wait_for(ws.receive(), 10)).type != aiohttp.WSMsgType.CLOSE:
                pass
            assert ws.close_code == CLOSE_IDLE
    assert record(tmp_path) == ["started", "quit", "ended"]


async def test_stopping_the_server_closes_every_session_after_it_quits(tmp_path: Path) -> None:
    async with running_server(config(tmp_path, sessions=2)) as server:
        http = await signed_in(server)
        sockets = [await http.ws_connect(ws_url(server), origin=origin(server)) for _ in range(2)]
        for ws in sockets:
            await first_packet(ws)
        pids = [session.pid for session in server.sessions]
    # the context manager stopped the server: each session was told to quit and was waited for
    assert record(tmp_path).count("quit") == 2 and record(tmp_path).count("ended") == 2
    assert not any(pid_alive(pid) for pid in pids if pid)
    for ws in sockets:
        said = []
        while (message := await asyncio.wait_for(ws.receive(), 10)).type == aiohttp.WSMsgType.TEXT:
            said.append(json.loads(message.data)[0])
        assert "netnet-ended" in said
    await http.close()


async def test_a_session_that_does_not_quit_is_ended(tmp_path: Path) -> None:
    async with running_server(config(tmp_path, env={"FAKE_IGNORE_QUIT": "1"}, grace=0.5)) as server:
        http = await signed_in(server)
        async with http:
            ws = await http.ws_connect(ws_url(server), origin=origin(server))
            await first_packet(ws)
            pid = next(iter(server.sessions)).pid
            await ws.close()
            assert await until(lambda: not server.sessions, 15)
    assert not pid_alive(pid)
    assert "quit" in record(tmp_path)


async def test_behind_a_reverse_proxy_its_public_address_passes_the_checks(tmp_path: Path) -> None:
    public = "https://netnet.example.org"
    async with running_server(config(tmp_path, public_url=public)) as server, client() as http:
        assert server.url().startswith(f"{public}/?token=")
        local = f"http://127.0.0.1:{server.port}"
        as_proxied = {"Host": "netnet.example.org"}
        token = server.url().split("?", 1)[1]
        async with http.get(f"{local}/?{token}", headers=as_proxied, allow_redirects=False) as answer:
            assert answer.status == 303
            cookie = answer.headers["Set-Cookie"]
        assert re.search(r"; Secure\b", cookie, re.I)  # the browser sees https
        held = {"Cookie": cookie.split(";", 1)[0]}
        async with http.get(f"{local}/", headers={**as_proxied, **held}) as page:
            assert page.status == 200
            assert "wss://netnet.example.org/ws" in await page.text()
        ws = await http.ws_connect(f"ws://127.0.0.1:{server.port}/ws", origin=public,
                                   headers={**as_proxied, **held})
        await first_packet(ws)
        await ws.close()
        async with http.get(f"{local}/", headers={"Host": "evil.example", **held}) as answer:
            assert answer.status == 403
