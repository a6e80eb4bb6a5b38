#![cfg(not(target_arch = "wasm32"))]
//! Thunderbird (Debian's ESR) against `examples/tcp_server.rs`, headless, from a prepared profile, driven over
//! Marionette (its remote protocol: length-prefixed JSON on a loopback port) with scripts run in its chrome:
//! it loads INBOX, marks a message read and flagged on the server, hears of a flag and a new message set by
//! others, moves a message to Trash, and quits cleanly, leaving its folder summaries (.msf) in the profile.
//! All its other network traffic goes to a dead loopback proxy.

mod common;
use common::{
    deliver, on_server, server_flags, server_subjects, server_uid, start_client, ImapProbe,
    TcpServer, TempHome,
};

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

/// Thunderbird starts in a few seconds; on a busy machine in more.
const STARTUP_TIMEOUT: Duration = Duration::from_secs(90);
/// How long a step may take, in Thunderbird or on the server.
const STEP_TIMEOUT: Duration = Duration::from_secs(30);

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// The prepared profile: one IMAP account for alice on the bridge, with plain-text LOGIN and no TLS, and
/// Local Folders; Marionette on its own port; every HTTP(S) request sent to a loopback port nobody serves.
fn user_js(imap_port: u16, marionette_port: u16) -> String {
    let prefs: &[(&str, Value)] = &[
        ("mail.accountmanager.accounts", json!("account1,account2")),
        ("mail.accountmanager.defaultaccount", json!("account1")),
        ("mail.accountmanager.localfoldersserver", json!("server2")),
        ("mail.account.account1.identities", json!("id1")),
        ("mail.account.account1.server", json!("server1")),
        ("mail.account.account2.server", json!("server2")),
        ("mail.identity.id1.useremail", json!("alice@example.org")),
        ("mail.identity.id1.fullName", json!("Alice")),
        ("mail.server.server1.type", json!("imap")),
        ("mail.server.server1.hostname", json!("127.0.0.1")),
        ("mail.server.server1.port", json!(imap_port)),
        ("mail.server.server1.userName", json!("alice")),
        ("mail.server.server1.name", json!("alice@example.org")),
        // 0: no TLS; 3: password sent as it is (LOGIN).
        ("mail.server.server1.socketType", json!(0)),
        ("mail.server.server1.authMethod", json!(3)),
        // The test logs in once it has put the password into the login manager.
        ("mail.server.server1.login_at_startup", json!(false)),
        ("mail.server.server1.check_new_mail", json!(false)),
        ("mail.server.server2.type", json!("none")),
        ("mail.server.server2.hostname", json!("Local Folders")),
        ("mail.server.server2.userName", json!("nobody")),
        ("mail.server.server2.name", json!("Local Folders")),
        ("mail.shell.checkDefaultClient", json!(false)),
        ("mail.provider.enabled", json!(false)),
        ("mailnews.start_page.enabled", json!(false)),
        ("mailnews.auto_config_url", json!("")),
        ("mail.rights.version", json!(1)),
        ("app.update.enabled", json!(false)),
        ("app.update.auto", json!(false)),
        ("datareporting.policy.dataSubmissionEnabled", json!(false)),
        ("datareporting.healthreport.uploadEnabled", json!(false)),
        ("toolkit.telemetry.enabled", json!(false)),
        ("extensions.update.enabled", json!(false)),
        ("network.connectivity-service.enabled", json!(false)),
        ("network.captive-portal-service.enabled", json!(false)),
        ("services.settings.server", json!("http://127.0.0.1:9/")),
        ("network.proxy.type", json!(1)),
        ("network.proxy.http", json!("127.0.0.1")),
        ("network.proxy.http_port", json!(9)),
        ("network.proxy.ssl", json!("127.0.0.1")),
        ("network.proxy.ssl_port", json!(9)),
        ("network.proxy.no_proxies_on", json!("")),
        ("marionette.port", json!(marionette_port)),
    ];
    prefs
        .iter()
        .map(|(name, value)| format!("user_pref({name:?}, {value});\n"))
        .collect()
}

/// A Marionette connection to Thunderbird's chrome (RFC-less; the protocol is `length:json`, commands as
/// `[0, id, name, params]`, replies as `[1, id, error, result]`).
struct Marionette {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
    id: u64,
}

impl Marionette {
    /// Connects once Thunderbird listens, opens a session and switches to chrome scripts.
    fn connect(port: u16) -> Marionette {
        let deadline = Instant::now() + STARTUP_TIMEOUT;
        // Nothing to wait on but the port itself while Thunderbird starts.
        let stream = loop {
            match TcpStream::connect(("127.0.0.1", port)) {
                Ok(stream) => break stream,
                Err(_) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(100))
                }
                Err(e) => panic!("Thunderbird's Marionette never listened on {port}: {e}"),
            }
        };
        stream
            .set_read_timeout(Some(STEP_TIMEOUT + Duration::from_secs(10)))
            .expect("timeout set");
        let mut marionette = Marionette {
            reader: BufReader::new(stream.try_clone().expect("clone")),
            writer: stream,
            id: 0,
        };
        let hello = marionette.packet();
        assert_eq!(hello["applicationType"], "gecko", "{hello}");
        marionette.call("WebDriver:NewSession", json!({}));
        marionette.call("Marionette:SetContext", json!({"value": "chrome"}));
        marionette
    }

    fn packet(&mut self) -> Value {
        let mut length = Vec::new();
        self.reader
            .read_until(b':', &mut length)
            .expect("a Marionette packet");
        let length: usize = String::from_utf8_lossy(&length)
            .trim_end_matches(':')
            .parse()
            .expect("a packet length");
        let mut body = vec![0; length];
        self.reader.read_exact(&mut body).expect("the packet body");
        serde_json::from_slice(&body).expect("a JSON packet")
    }

    fn call(&mut self, name: &str, params: Value) -> Value {
        self.id += 1;
        let body = json!([0, self.id, name, params]).to_string();
        self.writer
            .write_all(format!("{}:{body}", body.len()).as_bytes())
            .expect("Marionette command sent");
        let reply = self.packet();
        assert!(reply[2].is_null(), "{name} failed: {}", reply[2]);
        reply[3].clone()
    }

    /// Runs `script` (after the shared prelude) in Thunderbird's chrome; it ends by calling `done(result)`.
    fn script(&mut self, script: &str, args: Value) -> Value {
        let result = self.call(
            "WebDriver:ExecuteAsyncScript",
            json!({
                "script": format!("{PRELUDE}\n{script}"),
                "args": args,
                "scriptTimeout": STEP_TIMEOUT.as_millis() as u64,
            }),
        );
        result["value"].clone()
    }
}

/// Shared by every script: the account's INBOX, its messages as Thunderbird knows them, and waiting.
const PRELUDE: &str = r#"
const done = arguments[arguments.length - 1];
const args = [...arguments].slice(0, -1);
const { MailServices } = ChromeUtils.importESModule("resource:///modules/MailServices.sys.mjs");
const { setTimeout } = ChromeUtils.importESModule("resource://gre/modules/Timer.sys.mjs");
const server = MailServices.accounts.defaultAccount.incomingServer;
const inbox = () => server.rootFolder.getFolderWithFlags(Ci.nsMsgFolderFlags.Inbox);
const listing = () => [...inbox().messages]
  .map(h => ({ subject: h.mime2DecodedSubject, read: h.isRead, flagged: h.isFlagged }))
  .sort((a, b) => a.subject.localeCompare(b.subject));
const header = subject => [...inbox().messages].find(h => h.mime2DecodedSubject === subject);
// Polls every 100 ms; the script's own timeout ends a wait that never comes true.
const until = (condition, then) => condition() ? then() : setTimeout(() => until(condition, then), 100);
// Asks the server for INBOX's news, again and again until `condition` holds: a folder busy with another
// operation refuses, and an update can end before the news it waits for arrives.
const refreshUntil = (condition, then) => {
  const again = () => condition() ? then() : setTimeout(() => refreshUntil(condition, then), 200);
  try {
    inbox().QueryInterface(Ci.nsIMsgImapMailFolder)
      .updateFolderWithListener(null, { OnStartRunningUrl() {}, OnStopRunningUrl() { again(); } });
  } catch (busy) {
    again();
  }
};
"#;

/// Gives Thunderbird alice's password and opens INBOX; done when it lists `args[0]` messages.
const LOG_IN_AND_LOAD_INBOX: &str = r#"
const login = Cc["@mozilla.org/login-manager/loginInfo;1"].createInstance(Ci.nsILoginInfo);
login.init("imap://127.0.0.1", null, "imap://127.0.0.1", "alice", "wonderland", "", "");
Services.logins.addLoginAsync(login).then(() =>
  until(() => inbox(), () =>
    refreshUntil(() => inbox().getTotalMessages(false) === args[0], () => done(listing()))));
"#;

/// Marks the message with Subject `args[0]` read and flagged, as a reader clicking it would.
const MARK_READ_AND_FLAGGED: &str = r#"
inbox().markMessagesRead([header(args[0])], true);
inbox().markMessagesFlagged([header(args[0])], true);
done(true);
"#;

/// Refreshes INBOX; done when it lists `args[0]` messages and the one with Subject `args[1]` is flagged.
const REFRESH_UNTIL_FLAGGED: &str = r#"
refreshUntil(
  () => inbox().getTotalMessages(false) === args[0] && header(args[1])?.isFlagged,
  () => done(listing()));
"#;

/// Deletes the message with Subject `args[0]`; with the IMAP account's default, it moves to Trash.
const DELETE: &str = r#"
inbox().deleteMessages([header(args[0])], null, false, false, null, false);
done(true);
"#;

/// Polls the server until `condition` holds, for at most a step's time; Thunderbird writes in the background.
fn eventually(what: &str, server: &TcpServer, mut condition: impl FnMut() -> bool) {
    let deadline = Instant::now() + STEP_TIMEOUT;
    while !condition() {
        assert!(
            Instant::now() < deadline,
            "Thunderbird never {what}\n--- the bridge's transcript, last lines:\n{}",
            server.transcript_tail(60)
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn subjects_in(server: &TcpServer, mailbox: &str) -> Vec<String> {
    ImapProbe::mailbox(server.imap, mailbox)
        .messages()
        .into_iter()
        .map(|(_, _, subject)| subject)
        .collect()
}

fn listed(listing: &Value) -> Vec<(String, bool, bool)> {
    listing
        .as_array()
        .unwrap_or_else(|| panic!("not a listing: {listing}"))
        .iter()
        .map(|m| {
            (
                m["subject"].as_str().unwrap_or_default().to_string(),
                m["read"].as_bool().unwrap_or_default(),
                m["flagged"].as_bool().unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn thunderbird_syncs_inbox_both_ways_and_quits_cleanly() {
    let server = TcpServer::start();
    let home = TempHome::new("thunderbird");
    let marionette_port = free_port();
    home.write(
        "profile/user.js",
        &user_js(server.imap.port(), marionette_port),
    );
    let mut command = home.command("thunderbird");
    command
        .args(["--headless", "--no-remote", "--marionette"])
        .arg("-remote-allow-system-access")
        .arg("--profile")
        .arg(home.join("profile"));
    let thunderbird = start_client(command, "");
    let mut marionette = Marionette::connect(marionette_port);

    let defaults = server_subjects(server.imap);
    let [first, second, third] = [0, 1, 2].map(|i| defaults[i].clone());
    let loaded = listed(&marionette.script(LOG_IN_AND_LOAD_INBOX, json!([3])));
    let unread: Vec<(String, bool, bool)> =
        defaults.iter().map(|s| (s.clone(), false, false)).collect();
    assert_eq!(
        loaded, unread,
        "Thunderbird lists INBOX as the server holds it"
    );

    // Thunderbird to the server: read and flagged.
    marionette.script(MARK_READ_AND_FLAGGED, json!([first]));
    eventually("stored \\Seen and \\Flagged", &server, || {
        server_flags(server.imap, &first) == ["\\Flagged", "\\Seen"]
    });

    // The server to Thunderbird: a flag set and a message delivered by others.
    let uid = server_uid(server.imap, &third);
    on_server(
        server.imap,
        &[&format!("UID STORE {uid} +FLAGS (\\Flagged)")],
    );
    deliver(server.smtp, "While Thunderbird ran", "new");
    let refreshed = listed(&marionette.script(REFRESH_UNTIL_FLAGGED, json!([4, third])));
    assert!(
        refreshed.contains(&("While Thunderbird ran".to_string(), false, false)),
        "{refreshed:?}"
    );
    assert!(
        refreshed.contains(&(third.clone(), false, true)),
        "{refreshed:?}"
    );

    // Deleting moves the message to Trash on the server.
    marionette.script(DELETE, json!([second]));
    eventually("moved the message to Trash", &server, || {
        !server_subjects(server.imap).contains(&second)
    });
    assert_eq!(subjects_in(&server, "Trash"), [second]);

    let quitting = std::time::SystemTime::now();
    let quit = marionette.call("Marionette:Quit", json!({"flags": ["eAttemptQuit"]}));
    assert_eq!(
        (&quit["cause"], &quit["forced"]),
        (&json!("shutdown"), &json!(false)),
        "{quit}"
    );
    let run = thunderbird.finish(STARTUP_TIMEOUT);
    assert!(run.succeeded(), "{run}");
    // Quitting, Thunderbird writes each folder's summary (.msf); killed, it would leave them stale.
    let summary = home.join("profile/ImapMail/127.0.0.1/INBOX.msf");
    let written = std::fs::metadata(&summary)
        .and_then(|m| m.modified())
        .unwrap_or_else(|e| panic!("{}: {e}\n{run}", summary.display()));
    assert!(
        written >= quitting,
        "{} not written at quit\n{run}",
        summary.display()
    );
}
