//! SMTP command syntax (RFC 5321 §4.1): the verbs a receiving server understands and their reply codes
//! for malformed lines.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SmtpCommand {
    Ehlo {
        domain: String,
    },
    Helo {
        domain: String,
    },
    /// `reverse_path` is empty for the null sender `<>` (RFC 5321 §4.5.5).
    Mail {
        reverse_path: String,
        size: Option<usize>,
    },
    Rcpt {
        forward_path: String,
    },
    Data,
    Rset,
    Noop,
    Vrfy,
    Quit,
}

/// Why a command line could not be parsed; each maps to a reply code (RFC 5321 §4.2.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SmtpSyntaxError {
    LineTooLong,
    ControlCharacters,
    Unknown {
        verb: String,
    },
    /// `usage` is the syntax the reply shows, e.g. `HELO hostname`.
    BadArguments {
        usage: &'static str,
    },
    BadAddress {
        which: &'static str,
    },
    UnsupportedParameter {
        parameter: String,
    },
}

impl SmtpSyntaxError {
    pub fn reply_code(&self) -> u16 {
        match self {
            SmtpSyntaxError::LineTooLong
            | SmtpSyntaxError::ControlCharacters
            | SmtpSyntaxError::Unknown { .. } => 500,
            SmtpSyntaxError::BadArguments { .. } | SmtpSyntaxError::BadAddress { .. } => 501,
            // RFC 5321 §4.1.1.11: parameters not recognized get 555.
            SmtpSyntaxError::UnsupportedParameter { .. } => 555,
        }
    }
}

impl fmt::Display for SmtpSyntaxError {
    /// The reply text after the code, with its RFC 3463 enhanced status code.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SmtpSyntaxError::LineTooLong => f.write_str("5.5.2 Error: line too long"),
            SmtpSyntaxError::ControlCharacters => f.write_str("5.5.2 Error: bad syntax"),
            SmtpSyntaxError::Unknown { verb } => {
                write!(f, "5.5.2 Error: command not recognized: {verb}")
            }
            SmtpSyntaxError::BadArguments { usage } => write!(f, "5.5.4 Syntax: {usage}"),
            SmtpSyntaxError::BadAddress { which } => {
                write!(f, "5.1.7 Bad {which} address syntax")
            }
            SmtpSyntaxError::UnsupportedParameter { parameter } => {
                write!(f, "5.5.4 Unsupported option: {parameter}")
            }
        }
    }
}

impl std::error::Error for SmtpSyntaxError {}

/// Parses one command line without CRLF; verbs are case-insensitive (RFC 5321 §2.4).
pub fn parse_command(line: &[u8]) -> Result<SmtpCommand, SmtpSyntaxError> {
    if line
        .iter()
        .any(|b| (*b < 0x20 && *b != b'\t') || *b == 0x7f)
    {
        return Err(SmtpSyntaxError::ControlCharacters);
    }
    let text = String::from_utf8_lossy(line);
    let text = text.trim();
    let (verb, rest) = text.split_once(' ').unwrap_or((text, ""));
    let rest = rest.trim();
    let upper = verb.to_ascii_uppercase();
    match upper.as_str() {
        "EHLO" | "HELO" => {
            let mut words = rest.split_whitespace();
            let (Some(domain), None) = (words.next(), words.next()) else {
                return Err(SmtpSyntaxError::BadArguments {
                    usage: if upper == "EHLO" {
                        "EHLO hostname"
                    } else {
                        "HELO hostname"
                    },
                });
            };
            let domain = domain.to_string();
            Ok(if upper == "EHLO" {
                SmtpCommand::Ehlo { domain }
            } else {
                SmtpCommand::Helo { domain }
            })
        }
        "MAIL" => {
            let (path, params) =
                path_after(rest, "FROM:").ok_or(SmtpSyntaxError::BadArguments {
                    usage: "MAIL FROM:<address>",
                })?;
            if !path.is_empty() && !is_mailbox(&path) {
                return Err(SmtpSyntaxError::BadAddress { which: "sender" });
            }
            let mut size = None;
            for param in params.split_whitespace() {
                let (key, value) = param.split_once('=').unwrap_or((param, ""));
                match key.to_ascii_uppercase().as_str() {
                    // RFC 1870: SIZE=octets.
                    "SIZE" => {
                        size = Some(value.parse().map_err(|_| SmtpSyntaxError::BadArguments {
                            usage: "MAIL FROM:<address> SIZE=octets",
                        })?)
                    }
                    // RFC 6152: BODY=7BIT or BODY=8BITMIME.
                    "BODY"
                        if ["7BIT", "8BITMIME"]
                            .iter()
                            .any(|b| b.eq_ignore_ascii_case(value)) => {}
                    _ => {
                        return Err(SmtpSyntaxError::UnsupportedParameter {
                            parameter: printable(param),
                        })
                    }
                }
            }
            Ok(SmtpCommand::Mail {
                reverse_path: path,
                size,
            })
        }
        "RCPT" => {
            let (path, params) = path_after(rest, "TO:").ok_or(SmtpSyntaxError::BadArguments {
                usage: "RCPT TO:<address>",
            })?;
            if let Some(param) = params.split_whitespace().next() {
                return Err(SmtpSyntaxError::UnsupportedParameter {
                    parameter: printable(param),
                });
            }
            if !is_mailbox(&path) {
                return Err(SmtpSyntaxError::BadAddress { which: "recipient" });
            }
            Ok(SmtpCommand::Rcpt { forward_path: path })
        }
        "DATA" => no_args(rest, SmtpCommand::Data, "DATA"),
        "RSET" => no_args(rest, SmtpCommand::Rset, "RSET"),
        "QUIT" => no_args(rest, SmtpCommand::Quit, "QUIT"),
        // RFC 5321 §4.1.1.9: NOOP may carry a string, which is ignored.
        "NOOP" => Ok(SmtpCommand::Noop),
        "VRFY" if !rest.is_empty() => Ok(SmtpCommand::Vrfy),
        "VRFY" => Err(SmtpSyntaxError::BadArguments {
            usage: "VRFY address",
        }),
        _ => Err(SmtpSyntaxError::Unknown {
            verb: printable(verb),
        }),
    }
}

fn no_args(
    rest: &str,
    command: SmtpCommand,
    usage: &'static str,
) -> Result<SmtpCommand, SmtpSyntaxError> {
    if rest.is_empty() {
        Ok(command)
    } else {
        Err(SmtpSyntaxError::BadArguments { usage })
    }
}

/// `FROM:<path> params`: the keyword is case-insensitive; a space after the colon is tolerated, as
/// Postfix does. Returns the address inside the brackets (source route dropped, RFC 5321 §4.1.2) and the rest.
fn path_after(rest: &str, keyword: &str) -> Option<(String, String)> {
    let head = rest.get(..keyword.len())?;
    if !head.eq_ignore_ascii_case(keyword) {
        return None;
    }
    let after = rest.get(keyword.len()..)?.trim_start();
    let inner = after.strip_prefix('<')?;
    let (path, params) = inner.split_once('>')?;
    let address = path.rsplit_once(':').map_or(path, |(_, a)| a);
    Some((address.trim().to_string(), params.trim().to_string()))
}

/// A plausible `local@domain` (RFC 5321 §4.1.2), or `postmaster` alone (§4.5.1).
fn is_mailbox(address: &str) -> bool {
    if address.eq_ignore_ascii_case("postmaster") {
        return true;
    }
    match address.rsplit_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.is_empty()
                && !address.contains(|c: char| c.is_whitespace() || c == '<' || c == '>')
        }
        None => false,
    }
}

fn printable(text: &str) -> String {
    crate::sim::pop3::codec::printable_prefix(text, 40)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mail_from_takes_size_and_body_parameters() {
        assert_eq!(
            parse_command(b"mail from:<bob@example.net> SIZE=120 BODY=8BITMIME"),
            Ok(SmtpCommand::Mail {
                reverse_path: "bob@example.net".into(),
                size: Some(120)
            })
        );
        assert_eq!(
            parse_command(b"MAIL FROM:<>"),
            Ok(SmtpCommand::Mail {
                reverse_path: String::new(),
                size: None
            })
        );
        assert_eq!(
            parse_command(b"MAIL FROM:<a@b> X=1"),
            Err(SmtpSyntaxError::UnsupportedParameter {
                parameter: "X=1".into()
            })
        );
    }

    #[test]
    fn addresses_need_angle_brackets() {
        assert_eq!(
            parse_command(b"RCPT TO:alice@example.org"),
            Err(SmtpSyntaxError::BadArguments {
                usage: "RCPT TO:<address>"
            })
        );
        assert_eq!(
            parse_command(b"RCPT TO: <@relay:alice@example.org>"),
            Ok(SmtpCommand::Rcpt {
                forward_path: "alice@example.org".into()
            })
        );
        assert_eq!(
            parse_command(b"RCPT TO:<>"),
            Err(SmtpSyntaxError::BadAddress { which: "recipient" })
        );
        assert_eq!(
            parse_command("MAIL FROM\u{e9}:<a@b>".as_bytes()),
            Err(SmtpSyntaxError::BadArguments {
                usage: "MAIL FROM:<address>"
            })
        );
    }
}
