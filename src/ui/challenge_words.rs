//! The challenges' interface words in English and Simplified Chinese (the challenges' own texts travel with
//! each challenge, see `sim::challenge::Text`).

use super::i18n::{tongue, Lang};
use crate::i18n::en;
use crate::sim::challenge::Text as ChallengeText;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Says {
    Challenges,
    Easy,
    Medium,
    Hard,
    Solved,
    Goal,
    Hint,
    NoMoreHints,
    ShowSolution,
    ShowingSolution,
    StartAgain,
    ActionsUsed,
    Par,
    Complete,
    WhyItWorks,
    SolutionLink,
    SolutionLinkHelp,
    MakingLink,
    Close,
    BuildChallenge,
    EditChallenge,
    Builder,
    BuilderHelp,
    Title,
    Task,
    Why,
    Hints,
    AddHint,
    GoalConditions,
    AddGoal,
    Remove,
    RecordSolution,
    StopRecording,
    Recorded,
    NotRecorded,
    ShareChallenge,
    ChallengeLink,
    CannotShare,
    VerdictTitle,
    VerdictSolved,
    VerdictUnsolved,
    VerdictInvalid,
    Missing,
    Gradebook,
    GradebookHelp,
    ExportCsv,
    SolvedBefore,
    ShownSolutionNote,
}

/// The words for `says` in `lang`.
pub fn says(lang: Lang, says: Says) -> &'static str {
    let english = match says {
        Says::Challenges => en("Challenges"),
        Says::Easy => en("Easy"),
        Says::Medium => en("Medium"),
        Says::Hard => en("Hard"),
        Says::Solved => en("solved"),
        Says::Goal => en("Goal"),
        Says::Hint => en("Hint"),
        Says::NoMoreHints => en("No more hints"),
        Says::ShowSolution => en("Show solution"),
        Says::ShowingSolution => en("Playing the stored solution…"),
        Says::StartAgain => en("Start again"),
        Says::ActionsUsed => en("Actions used"),
        Says::Par => en("par"),
        Says::Complete => en("Challenge complete!"),
        Says::WhyItWorks => en("Why this works"),
        Says::SolutionLink => en("Solution link"),
        Says::SolutionLinkHelp => en("Send this link to your teacher: it holds the challenge and your actions, and their page replays and checks them."),
        Says::MakingLink => en("Making the link…"),
        Says::Close => en("Close"),
        Says::BuildChallenge => en("Build a challenge"),
        Says::EditChallenge => en("Edit this challenge"),
        Says::Builder => en("Challenge builder"),
        Says::BuilderHelp => en("The world as it is now is the start. Write the task, record a solution by playing it, pick the goal conditions the world meets afterwards, and share."),
        Says::Title => en("Title"),
        Says::Task => en("Task"),
        Says::Why => en("Why it works (shown at the finish)"),
        Says::Hints => en("Hints"),
        Says::AddHint => en("Add hint"),
        Says::GoalConditions => en("Goal conditions"),
        Says::AddGoal => en("Add to goal"),
        Says::Remove => en("Remove"),
        Says::RecordSolution => en("Record a solution"),
        Says::StopRecording => en("Stop recording"),
        Says::Recorded => en("Solution recorded: {n} actions"),
        Says::NotRecorded => en("No solution recorded yet"),
        Says::ShareChallenge => en("Share challenge"),
        Says::ChallengeLink => en("Challenge link"),
        Says::CannotShare => en("Cannot share yet"),
        Says::VerdictTitle => en("Checked solution"),
        Says::VerdictSolved => en("Solved ✓ in {n}, par {par}"),
        Says::VerdictUnsolved => en("Not solved ({n}, par {par}). Still missing:"),
        Says::VerdictInvalid => en("This solution link cannot be checked:"),
        Says::Missing => en("Still missing"),
        Says::Gradebook => en("Gradebook"),
        Says::GradebookHelp => en("Paste students' solution links, one per line, and export the verdicts as CSV. Nothing leaves this browser."),
        Says::ExportCsv => en("Export CSV"),
        Says::SolvedBefore => en("solved before"),
        Says::ShownSolutionNote => en("You watched the stored solution: start again and solve it yourself to finish."),
    };
    tongue(lang).word(english)
}

/// A count of actions in words: "1 action", "3 actions", "3 个操作".
pub fn actions_text(lang: Lang, n: usize) -> String {
    tongue(lang).count(n, "1 action", "{0} actions")
}

/// A challenge's own text in `lang`.
pub fn text_in(lang: Lang, text: &ChallengeText) -> String {
    text.in_tongue(tongue(lang))
}
