//! The page's side of challenges: a student's run (checklist after every happening, hints, the stored solution
//! played on the stage, start again), a solution link's verdict, and the teacher's builder. The logic is
//! `sim::challenge`'s; this only keeps it in the page's state and puts its worlds on the stage.

use super::state::{PageError, Sim, Speed, State};
use crate::sim::challenge::codec::{challenge_from_json, solution_from_json, verify_json};
use crate::sim::challenge::{
    builtin, catalogue, moves_from_recording, replay, start_timeline, Challenge, ChallengeRun,
    Condition, Draft, Move, Text, Verdict,
};
use crate::sim::timeline::Timeline;

/// The teacher's builder: the draft, whether a solution is being recorded, and the challenge last shared.
#[derive(Debug, Clone, PartialEq)]
pub struct Builder {
    pub draft: Draft,
    pub recording: bool,
    /// The challenge as built by "Share": its link is made from it (`ChallengeAction::MadeChallengeLink`).
    pub shared: Option<Challenge>,
    pub link: Option<String>,
    /// Why the draft cannot be shared yet.
    pub problem: Option<String>,
}

/// A solution link's verdict, with the checked challenge's title when the link could be read that far.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedSolution {
    pub verdict: Verdict,
    pub title: Option<Text>,
}

/// What the user did to a challenge, a solution link's verdict or the builder, in the past tense.
#[derive(Debug, Clone, PartialEq)]
pub enum ChallengeAction {
    ToggledChallenges,
    OpenedChallenge {
        id: String,
        seed: u64,
    },
    /// A challenge document arrived from a link.
    ReceivedChallenge(String),
    /// A solution document arrived from a link: it is replayed and checked.
    ReceivedSolution(String),
    PressedChallengeHint,
    PressedShowSolution,
    PressedChallengeReset,
    ClosedChallenge,
    ClosedVerdict,
    PressedBuildChallenge,
    PressedEditChallenge,
    EditedDraft(DraftField, String),
    AddedGoal(Condition),
    RemovedGoal(usize),
    AddedHint(String),
    RemovedHint(usize),
    /// Started or stopped recording the builder's solution.
    PressedRecordSolution,
    PressedShareChallenge,
    MadeChallengeLink(String),
    ClosedBuilder,
}

/// A text field of the builder's draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftField {
    Title,
    Task,
    Why,
}

impl State {
    /// Handles a challenge action; the reducer follows the challenge after every action (`follow_challenge`).
    pub(super) fn reduce_challenge(&mut self, action: ChallengeAction) {
        match action {
            ChallengeAction::ToggledChallenges => self.challenges_open = !self.challenges_open,
            ChallengeAction::OpenedChallenge { id, seed } => match builtin(&id, seed) {
                Some(challenge) => self.start_challenge(challenge),
                None => self.error = Some(PageError::NoSuchChallenge(id)),
            },
            ChallengeAction::ReceivedChallenge(json) => match challenge_from_json(&json) {
                Ok(challenge) => self.start_challenge(challenge),
                Err(error) => self.error = Some(PageError::ChallengeRefused(error.to_string())),
            },
            ChallengeAction::ReceivedSolution(json) => self.check_solution(&json),
            ChallengeAction::PressedChallengeHint => {
                if let Some(run) = self.challenge.as_mut() {
                    run.reveal_hint();
                }
            }
            ChallengeAction::PressedShowSolution => self.restart_challenge(true),
            ChallengeAction::PressedChallengeReset => self.restart_challenge(false),
            ChallengeAction::ClosedChallenge => self.challenge = None,
            ChallengeAction::ClosedVerdict => self.verdict = None,
            ChallengeAction::PressedBuildChallenge => self.open_builder(),
            ChallengeAction::PressedEditChallenge => self.edit_challenge(),
            ChallengeAction::EditedDraft(field, value) => {
                if let Some(builder) = self.builder.as_mut() {
                    let text = Text::written(value);
                    match field {
                        DraftField::Title => builder.draft.title = text,
                        DraftField::Task => builder.draft.task = text,
                        DraftField::Why => builder.draft.why = text,
                    }
                    builder.link = None;
                }
            }
            ChallengeAction::AddedGoal(condition) => {
                if let Some(builder) = self.builder.as_mut() {
                    if !builder.draft.goal.contains(&condition) {
                        builder.draft.goal.push(condition);
                    }
                    builder.link = None;
                }
            }
            ChallengeAction::RemovedGoal(index) => {
                if let Some(builder) = self.builder.as_mut() {
                    if index < builder.draft.goal.len() {
                        builder.draft.goal.remove(index);
                    }
                    builder.link = None;
                }
            }
            ChallengeAction::AddedHint(hint) => {
                if let Some(builder) = self.builder.as_mut() {
                    let hint = hint.trim();
                    if !hint.is_empty() {
                        builder.draft.hints.push(Text::written(hint));
                    }
                    builder.link = None;
                }
            }
            ChallengeAction::RemovedHint(index) => {
                if let Some(builder) = self.builder.as_mut() {
                    if index < builder.draft.hints.len() {
                        builder.draft.hints.remove(index);
                    }
                    builder.link = None;
                }
            }
            ChallengeAction::PressedRecordSolution => self.record_solution(),
            ChallengeAction::PressedShareChallenge => self.share_challenge(),
            ChallengeAction::MadeChallengeLink(url) => {
                if let Some(builder) = self.builder.as_mut() {
                    builder.link = Some(url);
                }
            }
            ChallengeAction::ClosedBuilder => self.builder = None,
        }
    }

    /// Plays the stored solution's next move when it is showing, and ticks the checklist: after every
    /// action and every frame, so it follows the world as it happens.
    pub(super) fn follow_challenge(&mut self) {
        let Some(mut run) = self.challenge.take() else {
            return;
        };
        if run.showing_solution.is_some() {
            let instant = self.speed == Speed::Instant;
            let result = self.sim.tick(|t| loop {
                if instant {
                    t.run_until_idle();
                }
                let result = run.drive_solution(t);
                if !instant || run.showing_solution.is_none() || result.is_err() {
                    break result;
                }
            });
            if let Err(error) = result {
                self.error = Some(PageError::Refused(error));
            }
        }
        run.observe(&self.sim.timeline());
        self.challenge = Some(run);
    }

    /// Puts a challenge's start world on the stage and follows the student through it.
    pub(super) fn start_challenge(&mut self, challenge: Challenge) {
        self.challenges_open = false;
        match ChallengeRun::start(challenge) {
            Ok((run, timeline)) => {
                self.show_challenge_world(timeline);
                self.challenge = Some(run);
                self.builder = None;
                self.verdict = None;
            }
            Err(error) => self.error = Some(PageError::ChallengeRefused(error.to_string())),
        }
    }

    fn show_challenge_world(&mut self, timeline: Timeline) {
        self.sim = Sim::new(timeline);
        self.opening_pending = false;
        self.compare = None;
        self.lesson = None;
        self.reader = None;
        self.error = None;
        self.transcript_device = None;
        self.playing = self.speed != Speed::Instant;
    }

    /// Back to the start world; with `show`, the stored solution then plays on it.
    fn restart_challenge(&mut self, show: bool) {
        let Some(mut run) = self.challenge.take() else {
            return;
        };
        let restarted = if show {
            run.show_solution()
        } else {
            run.reset()
        };
        match restarted {
            Ok(timeline) => self.show_challenge_world(timeline),
            Err(error) => self.error = Some(PageError::ChallengeRefused(error.to_string())),
        }
        self.challenge = Some(run);
    }

    /// A solution link: replayed by the same checker; the replayed world goes on the stage when there is one.
    fn check_solution(&mut self, json: &str) {
        let verdict = verify_json(json);
        let solution = solution_from_json(json).ok();
        if !matches!(verdict, Verdict::Invalid(_)) {
            if let Some(Ok(timeline)) = solution.as_ref().map(replay) {
                self.show_challenge_world(timeline);
                self.playing = false;
                self.challenge = None;
                self.builder = None;
            }
        }
        self.verdict = Some(CheckedSolution {
            verdict,
            title: solution.map(|s| s.challenge.title),
        });
    }

    /// The builder, starting from the world as it is now.
    fn open_builder(&mut self) {
        self.challenges_open = false;
        // The builder starts from the normal world, and shows it.
        self.compare = None;
        let timeline = self.sim.timeline();
        let setup = timeline.world().setup().clone();
        let start = moves_from_recording(&setup, &[], &timeline);
        drop(timeline);
        match start {
            Ok(setup_moves) => {
                self.builder = Some(Builder {
                    draft: Draft {
                        id: "my-challenge".to_string(),
                        title: Text::default(),
                        task: Text::default(),
                        setup,
                        setup_moves,
                        hints: Vec::new(),
                        solution: Vec::new(),
                        why: Text::default(),
                        goal: Vec::new(),
                    },
                    recording: false,
                    shared: None,
                    link: None,
                    problem: None,
                });
                self.challenge = None;
                self.lesson = None;
                self.verdict = None;
            }
            Err(error) => self.error = Some(PageError::ChallengeRefused(error.to_string())),
        }
    }

    /// The builder on the challenge being played, its start world on the stage.
    fn edit_challenge(&mut self) {
        let Some(run) = self.challenge.take() else {
            return;
        };
        let mut draft = Draft::from_challenge(&run.challenge);
        // A built-in keeps its id only as it is; an edited copy is the teacher's own.
        if catalogue().iter().any(|b| b.id == draft.id) {
            draft.id = format!("my-{}", draft.id);
        }
        match run.challenge.start() {
            Ok(timeline) => self.show_challenge_world(timeline),
            Err(error) => self.error = Some(PageError::ChallengeRefused(error.to_string())),
        }
        self.builder = Some(Builder {
            draft,
            recording: false,
            shared: None,
            link: None,
            problem: None,
        });
    }

    /// Starts recording on the draft's start world, or stops and keeps what was played as the solution.
    fn record_solution(&mut self) {
        let Some(mut builder) = self.builder.take() else {
            return;
        };
        let draft = &mut builder.draft;
        if builder.recording {
            match moves_from_recording(&draft.setup, &draft.setup_moves, &self.sim.timeline()) {
                Ok(moves) => draft.solution = moves,
                Err(error) => self.error = Some(PageError::ChallengeRefused(error.to_string())),
            }
            builder.recording = false;
        } else {
            match start_timeline(&draft.setup, &draft.setup_moves) {
                Ok(timeline) => {
                    self.show_challenge_world(timeline);
                    builder.recording = true;
                }
                Err(error) => self.error = Some(PageError::ChallengeRefused(error.to_string())),
            }
        }
        builder.link = None;
        self.builder = Some(builder);
    }

    /// Builds the draft (its solution must solve it) for its link; or says why it cannot be shared yet.
    fn share_challenge(&mut self) {
        let Some(builder) = self.builder.as_mut() else {
            return;
        };
        builder.draft.id = slug_of(&builder.draft.title.english());
        match builder.draft.clone().build() {
            Ok(challenge) => {
                builder.shared = Some(challenge);
                builder.problem = None;
            }
            Err(error) => {
                builder.shared = None;
                builder.problem = Some(error.to_string());
            }
        }
        builder.link = None;
    }
}

/// A teacher's challenge id from its title: `my-` and the title's ASCII letters and digits, dashed.
fn slug_of(title: &str) -> String {
    let mut slug = String::from("my");
    for word in title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if slug.len() + word.len() + 1 > 48 {
            break;
        }
        slug.push('-');
        slug.push_str(&word.to_ascii_lowercase());
    }
    if slug == "my" {
        slug.push_str("-challenge");
    }
    slug
}

/// The number of actions (not waits) in stored moves, as the builder reports a recording.
pub fn action_count(moves: &[Move]) -> usize {
    moves.iter().filter(|m| matches!(m, Move::Do(_))).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::state::tests::reduce;
    use crate::ui::state::Action;
    use crate::ui::url::UrlOptions;

    #[test]
    fn a_title_becomes_a_teachers_slug() {
        assert_eq!(slug_of("Keep mail for a week!"), "my-keep-mail-for-a-week");
        assert_eq!(slug_of("邮件"), "my-challenge");
    }

    #[test]
    fn the_stored_solution_played_at_instant_speed_solves_every_builtin_but_never_counts_as_a_finish(
    ) {
        for entry in catalogue() {
            let mut state = State::initial(&UrlOptions::parse("?speed=instant"));
            state = reduce(
                state,
                Action::Challenge(ChallengeAction::OpenedChallenge {
                    id: entry.id.to_string(),
                    seed: 0,
                }),
            );
            state = reduce(
                state,
                Action::Challenge(ChallengeAction::PressedShowSolution),
            );
            let run = state.challenge.as_ref().expect("a challenge");
            assert!(run.checklist.solved(), "{}: {:?}", entry.id, run.checklist);
            assert_eq!(run.finished, None, "{}", entry.id);
        }
    }
}
