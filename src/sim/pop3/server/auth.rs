//! AUTH with the PLAIN mechanism (RFC 5034 §4, RFC 4616): the credentials on the command line or, after an empty
//! challenge, on the next one.

use super::Pop3Server;
use crate::sim::mail::Store;
use crate::sim::sasl;

impl Pop3Server {
    /// AUTH PLAIN (RFC 5034 §4, RFC 4616): the credentials come with the command or, after an empty `+ `
    /// challenge, on the next line. Other mechanisms are refused; the texts are Dovecot's.
    pub(super) fn auth(
        &mut self,
        store: &mut Store,
        mechanism: &str,
        initial_response: Option<&str>,
    ) {
        self.user = None;
        if !mechanism.eq_ignore_ascii_case("PLAIN") {
            self.reply("-ERR Unsupported authentication mechanism.");
            return;
        }
        match initial_response {
            Some(response) => {
                let credentials = sasl::plain_from_response_line(response.as_bytes());
                self.finish_auth(store, credentials);
            }
            None => {
                self.reply("+ ");
                self.awaiting_sasl_response = true;
            }
        }
    }

    pub(super) fn finish_auth(
        &mut self,
        store: &mut Store,
        credentials: Result<sasl::PlainCredentials, sasl::SaslError>,
    ) {
        match credentials {
            // RFC 5034 §4: a `*` cancels, and the server answers -ERR.
            Err(sasl::SaslError::Cancelled) => self.reply("-ERR Authentication aborted by client."),
            Err(sasl::SaslError::InvalidBase64) => self.reply("-ERR Invalid base64 in response"),
            Err(sasl::SaslError::Malformed) => self.open_maildrop(store, "", false),
            Ok(credentials) => {
                let login = credentials.login().unwrap_or("").to_string();
                let authenticated = store.authenticate(&login, &credentials.password).is_some();
                self.open_maildrop(store, &login, authenticated);
            }
        }
    }
}
