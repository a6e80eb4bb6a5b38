//! Reading challenge and solution documents back, naming the path of whatever is wrong. The version is read
//! first, the size is bounded before parsing, and a challenge is validated before anything replays it.

use super::codec::{CHALLENGE_FORMAT_VERSION, FLAGS, MAX_CHALLENGE_JSON};
use super::verify::{verify, Solution, SolutionError, Verdict};
use super::{builtin, Challenge, Condition, MessageRef, Move, Text};
use crate::sim::saved::json::{self, Value};
use crate::sim::saved::world_read::{action_from, setup_from, version_of, At, Decoded};
use crate::sim::saved::LoggedAction;

/// Reads and validates a challenge document.
pub fn challenge_from_json(text: &str) -> Result<Challenge, SolutionError> {
    let value = parse(text)?;
    let challenge = challenge_from(&At::root(&value))?;
    challenge.validate()?;
    Ok(challenge)
}

/// Reads a solution document, validating its challenge (the actions are checked by the replay).
pub fn solution_from_json(text: &str) -> Result<Solution, SolutionError> {
    let value = parse(text)?;
    let at = At::root(&value);
    let challenge = challenge_from(&shape(at.member("challenge"))?)?;
    challenge.validate()?;
    let actions = shape(at.member("actions").and_then(|a| a.items()))?;
    if actions.len() > super::verify::MAX_STUDENT_ACTIONS {
        return Err(SolutionError::TooManyActions(actions.len()));
    }
    let actions = shape(
        actions
            .iter()
            .map(|entry| {
                Ok(LoggedAction {
                    moment: entry.member("moment")?.size()?,
                    at: entry.member("at")?.time()?,
                    action: action_from(&entry.member("action")?)?,
                })
            })
            .collect::<Decoded<Vec<_>>>(),
    )?;
    Ok(Solution {
        challenge,
        actions,
        moment: shape(at.member("moment").and_then(|m| m.size()))?,
        now: shape(at.member("now").and_then(|n| n.time()))?,
    })
}

/// Reads a solution document and verifies it: the teacher's one call for a pasted solution link.
pub fn verify_json(text: &str) -> Verdict {
    match solution_from_json(text) {
        Ok(solution) => verify(&solution),
        Err(error) => Verdict::Invalid(error),
    }
}

/// Parses within bounds and refuses a newer format before looking at anything else in it.
fn parse(text: &str) -> Result<Value, SolutionError> {
    if text.len() > MAX_CHALLENGE_JSON {
        return Err(SolutionError::Unreadable(format!(
            "{} bytes is more than the {MAX_CHALLENGE_JSON} allowed",
            text.len()
        )));
    }
    let value =
        json::parse(text).map_err(|e| SolutionError::Unreadable(format!("not JSON ({e})")))?;
    newer_than_known(&value)?;
    Ok(value)
}

fn newer_than_known(value: &Value) -> Result<(), SolutionError> {
    match version_of(value) {
        Some(v) if v > u64::from(CHALLENGE_FORMAT_VERSION) => Err(SolutionError::NewerVersion(v)),
        _ => Ok(()),
    }
}

fn shape<T>(decoded: Decoded<T>) -> Result<T, SolutionError> {
    decoded.map_err(|e| SolutionError::Unreadable(e.to_string()))
}

fn challenge_from(at: &At) -> Result<Challenge, SolutionError> {
    newer_than_known(at.value)?;
    shape(at.member("version").and_then(|v| v.number()))?;
    if let Some(id) = shape(at.optional("builtin"))? {
        let id = shape(id.string())?;
        let seed = shape(at.member("seed").and_then(|s| s.number()))?;
        return builtin(&id, seed).ok_or(SolutionError::UnknownChallenge(id));
    }
    shape(custom_from(&shape(at.member("custom"))?))
}

fn custom_from(at: &At) -> Decoded<Challenge> {
    let texts = |name: &str| -> Decoded<Vec<Text>> {
        at.member(name)?.items()?.iter().map(text_from).collect()
    };
    let moves = |name: &str| -> Decoded<Vec<Move>> {
        at.member(name)?.items()?.iter().map(move_from).collect()
    };
    Ok(Challenge {
        id: at.member("id")?.string()?,
        seed: at.member("seed")?.number()?,
        title: text_from(&at.member("title")?)?,
        task: text_from(&at.member("task")?)?,
        setup: setup_from(&at.member("setup")?)?,
        setup_moves: moves("setup_moves")?,
        hints: texts("hints")?,
        solution: moves("solution")?,
        why: text_from(&at.member("why")?)?,
        goal: at
            .member("goal")?
            .items()?
            .iter()
            .map(condition_from)
            .collect::<Decoded<Vec<_>>>()?,
    })
}

fn text_from(at: &At) -> Decoded<Text> {
    Ok(Text {
        en: at.member("en")?.string()?,
        zh: at.member("zh")?.string()?,
        fills: match at.optional("fills")? {
            None => Vec::new(),
            Some(fills) => fills
                .items()?
                .iter()
                .map(|fill| match fill.items()?.as_slice() {
                    [slot, value] => Ok((slot.string()?, value.string()?)),
                    _ => fill.fail("a slot and its value"),
                })
                .collect::<Decoded<Vec<_>>>()?,
        },
    })
}

fn move_from(at: &At) -> Decoded<Move> {
    match at.variant()? {
        ("Do", action) => Ok(Move::Do(action_from(&action)?)),
        ("Wait", millis) => Ok(Move::Wait(millis.time()?)),
        _ => at.fail("{\"Do\": action} or {\"Wait\": milliseconds}"),
    }
}

fn message_from(at: &At) -> Decoded<MessageRef> {
    Ok(MessageRef {
        id: at.member("id")?.string()?,
        subject: at.member("subject")?.string()?,
    })
}

fn condition_from(at: &At) -> Decoded<Condition> {
    let (name, inner) = at.variant()?;
    let device = || inner.member("device")?.string();
    let message = || message_from(&inner.member("message")?);
    let flag = || {
        inner
            .member("flag")?
            .named(&FLAGS, "Seen, Answered, Flagged, Deleted or Draft")
    };
    let yes = |member: &str| inner.member(member)?.boolean();
    Ok(match name {
        "ServerFolderHolds" => Condition::ServerFolderHolds {
            folder: inner.member("folder")?.string()?,
            count: inner.member("count")?.size()?,
        },
        "ServerHolds" => Condition::ServerHolds {
            message: message()?,
            folder: inner.optional("folder")?.map(|f| f.string()).transpose()?,
            held: yes("held")?,
        },
        "ServerFlag" => Condition::ServerFlag {
            message: message()?,
            flag: flag()?,
            set: yes("set")?,
        },
        "DeviceShows" => Condition::DeviceShows {
            device: device()?,
            message: message()?,
            shown: yes("shown")?,
        },
        "DeviceHolds" => Condition::DeviceHolds {
            device: device()?,
            count: inner.member("count")?.size()?,
        },
        "DeviceFlag" => Condition::DeviceFlag {
            device: device()?,
            message: message()?,
            flag: flag()?,
            set: yes("set")?,
        },
        "DeviceHoldsNoDuplicates" => Condition::DeviceHoldsNoDuplicates { device: device()? },
        "NothingPending" => Condition::NothingPending { device: device()? },
        "Pop3LeavesMailOnServer" => Condition::Pop3LeavesMailOnServer { device: device()? },
        "Pop3KeepsMailForDays" => Condition::Pop3KeepsMailForDays {
            device: device()?,
            days: inner.member("days")?.small()?,
        },
        "NothingLost" => Condition::NothingLost,
        "NeverDownloadedTwice" => Condition::NeverDownloadedTwice { device: device()? },
        "ActedWhileOffline" => Condition::ActedWhileOffline { device: device()? },
        "NeverCheckedMail" => Condition::NeverCheckedMail { device: device()? },
        "NewMailShownWithin" => Condition::NewMailShownWithin {
            device: device()?,
            seconds: inner.member("seconds")?.number()?,
        },
        "LastDeliveryAccepted" => Condition::LastDeliveryAccepted,
        "AtMostActions" => Condition::AtMostActions {
            max: inner.member("max")?.size()?,
        },
        _ => return at.fail("a goal condition Mailroom knows"),
    })
}
