//! Logging in (RFC 3501 §6.2): LOGIN's check, and AUTHENTICATE with the PLAIN mechanism (RFC 4616), its initial
//! response on the command line (SASL-IR, RFC 4959) or after an empty continuation request.

use super::{ImapServer, ImapState, Outcome};
use crate::sim::imap::CAPABILITIES;
use crate::sim::mail::Store;
use crate::sim::sasl;
use imap_codec::imap_types::auth::AuthMechanism;

impl ImapServer {
    /// AUTHENTICATE PLAIN (RFC 3501 §6.2.2, RFC 4616): with the credentials in the command (SASL-IR, RFC 4959 §3)
    /// or, without them, after an empty continuation request. Other mechanisms are refused as Dovecot does.
    pub(super) fn authenticate(
        &mut self,
        store: &mut Store,
        tag: &str,
        mechanism: &AuthMechanism<'_>,
        initial_response: Option<&[u8]>,
    ) -> Outcome {
        if *mechanism != AuthMechanism::Plain {
            return Outcome::No("Unsupported authentication mechanism.".into());
        }
        match initial_response {
            Some(message) => self.finish_authenticate(store, sasl::plain_from_message(message)),
            None => {
                self.push("+ ".into());
                self.authenticate_tag = Some(tag.to_string());
                Outcome::Done
            }
        }
    }

    /// Logs in with what the client's PLAIN response carried; the tagged answers are Dovecot's.
    pub(super) fn finish_authenticate(
        &mut self,
        store: &mut Store,
        credentials: Result<sasl::PlainCredentials, sasl::SaslError>,
    ) -> Outcome {
        match credentials {
            Err(sasl::SaslError::Cancelled) => {
                Outcome::Bad("Authentication aborted by client.".into())
            }
            Err(sasl::SaslError::InvalidBase64) => {
                Outcome::Bad("Invalid base64 in the AUTHENTICATE response".into())
            }
            Err(sasl::SaslError::Malformed) => {
                Outcome::No("[AUTHENTICATIONFAILED] Authentication failed.".into())
            }
            Ok(credentials) => match credentials.login() {
                Some(login) => self.log_in(store, login, &credentials.password),
                None => Outcome::No("[AUTHENTICATIONFAILED] Authentication failed.".into()),
            },
        }
    }

    /// Opens the account if the password is right (LOGIN, RFC 3501 §6.2.3; AUTHENTICATE, §6.2.2).
    pub(super) fn log_in(&mut self, store: &Store, user: &str, pass: &str) -> Outcome {
        if store.authenticate(user, pass).is_some() {
            self.login = Some(user.to_string());
            self.state = ImapState::Authenticated;
            // As Dovecot does: the capabilities may change after login, so they come again.
            Outcome::Ok(format!("[CAPABILITY {CAPABILITIES}] Logged in"))
        } else {
            Outcome::No("[AUTHENTICATIONFAILED] Authentication failed.".into())
        }
    }
}
