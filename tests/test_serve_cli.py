"""``netnet serve`` on the command line: the extra it needs, its options, what it says, and
how it starts a session (an argument list, the same database, a password kept off it)."""

from __future__ import annotations

import socket
import sys

import pytest

from netnet.cli import run


@pytest.fixture
def served(monkeypatch):
    """Replace the server with a stand-in that records its configuration, says it is ready and
    returns 0 (as after a normal stop)."""
    seen: list = []

    class Ready:
        def url(self) -> str:
            return "http://127.0.0.1:4321/?token=TOKEN"

    async def fake_run_server(config, ready) -> int:
        seen.append(config)
        ready(Ready())
        return 0

    pytest.importorskip("textual_serve")
    monkeypatch.setattr("netnet.web.server.run_server", fake_run_server)
    return seen


def test_without_the_web_extra_serve_names_the_command_that_installs_it(monkeypatch, capsys, tmp_path) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve", None)  # `import textual_serve` now fails
    assert run(["--db", str(tmp_path / "n.db"), "serve"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("netnet: ")  # one sentence
    assert "pip install 'netnet[web]'" in err
    assert not (tmp_path / "n.db").exists()  # nothing opened


def test_serve_listens_on_this_machine_by_default_and_says_nothing_more(served, capsys, tmp_path) -> None:
    pytest.importorskip("textual_serve")
    assert run(["--db", str(tmp_path / "n.db"), "serve"]) == 0
    config = served[0]
    assert config.host == "127.0.0.1" and config.port == 0 and config.sessions == 1
    assert config.idle_seconds == 30 * 60
    out, err = capsys.readouterr()
    assert err == ""
    assert out == ("netnet is served to this machine at http://127.0.0.1:4321/?token=TOKEN (open it in a "
                   "browser; Ctrl+C stops netnet serve, saving every session first)\n")


def test_another_host_says_plainly_that_the_network_can_reach_netnet(served, capsys, tmp_path) -> None:
    pytest.importorskip("textual_serve")
    assert run(["--db", str(tmp_path / "n.db"), "serve", "--host", "0.0.0.0", "--sessions", "3"]) == 0
    out, err = capsys.readouterr()
    assert err.count("\n") == 1
    assert "0.0.0.0" in err and "other machines" in err and "not encrypted" in err and "reverse proxy" in err
    assert out.startswith("netnet is served to your network at ")
    assert served[0].sessions == 3


@pytest.mark.parametrize("options, words", [
    (["--sessions", "0"], "--sessions must be between 1 and 50"),
    (["--port", "70000"], "--port must be between 1 and 65535"),
    (["--idle", "-1"], "--idle must be between 0"),
    (["--public-url", "ftp://example.org"], "--public-url takes the address people open"),
])
def test_options_out_of_range_are_one_sentence_and_exit_2(served, capsys, tmp_path, options, words) -> None:
    pytest.importorskip("textual_serve")
    assert run(["--db", str(tmp_path / "n.db"), "serve", *options]) == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1
    assert served == []


def test_a_refused_database_is_said_before_anything_is_served(served, capsys, tmp_path) -> None:
    pytest.importorskip("textual_serve")
    other = tmp_path / "notes.txt"
    other.write_text("not a database\n")
    assert run(["--db", str(other), "serve"]) == 2
    assert capsys.readouterr().err.startswith("netnet: ")
    assert served == []


def test_a_session_is_an_argument_list_on_the_same_file(served, tmp_path) -> None:
    pytest.importorskip("textual_serve")
    awkward = tmp_path / "my net's $(x) `y`.db"
    assert run(["--db", str(awkward), "serve"]) == 0
    config = served[0]
    assert config.argv[:3] == [sys.executable, "-m", "netnet"]
    assert config.argv[3:] == ["--db", str(awkward), "serve", "--session"]
    assert "NETNET_DB" not in config.env and "NETNET_DB_URL" not in config.env


def test_a_database_url_goes_to_the_session_in_its_environment_not_its_arguments(served, monkeypatch) -> None:
    pytest.importorskip("textual_serve")
    url = "postgresql://me:s3cret@127.0.0.1:1/netnet"

    class FakeStore:
        def close(self) -> None:
            pass

    monkeypatch.setattr("netnet.cli.Context.store", property(lambda self: FakeStore()))
    monkeypatch.setattr("netnet.data.postgres.check_url", lambda url: None)
    assert run(["--db-url", url, "serve"]) == 0
    config = served[0]
    assert not any("s3cret" in part for part in config.argv)  # ps shows arguments to everyone
    assert config.env["NETNET_DB_URL"] == url
    assert config.argv[3:] == ["serve", "--session"]


def test_the_demo_is_served_from_its_temporary_copy(served) -> None:
    pytest.importorskip("textual_serve")
    assert run(["--demo", "serve"]) == 0
    argv = served[0].argv
    assert argv[3] == "--db" and argv[4].endswith("netnet.db") and argv[-1] == "--session-demo"


def test_an_address_not_of_this_machine_is_one_sentence_and_exit_2(capsys, tmp_path) -> None:
    pytest.importorskip("textual_serve")
    assert run(["--db", str(tmp_path / "n.db"), "serve", "--host", "192.0.2.1"]) == 2  # TEST-NET-1
    err = capsys.readouterr().err
    assert "192.0.2.1: it is not an address of this machine" in err and err.count("\n") == 1


def test_a_port_in_use_is_one_sentence_and_exit_3(capsys, tmp_path) -> None:
    pytest.importorskip("textual_serve")
    taken = socket.create_server(("127.0.0.1", 0))
    try:
        port = taken.getsockname()[1]
        assert run(["--db", str(tmp_path / "n.db"), "serve", "--port", str(port)]) == 3
    finally:
        taken.close()
    err = capsys.readouterr().err
    assert f"127.0.0.1:{port} is already in use" in err and err.count("\n") == 1


def test_serve_is_in_the_help(capsys) -> None:
    with pytest.raises(SystemExit):
        run(["--help"])
    assert "serve" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        run(["serve", "--help"])
    out = capsys.readouterr().out
    assert "--port" in out and "--host" in out and "--sessions" in out
    assert "--session " not in out  # a session's own flag stays hidden
