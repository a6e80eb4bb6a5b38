//! The challenges' interface words in English and Simplified Chinese (the challenges' own texts travel with
//! each challenge, see `sim::challenge::Text`).

use super::i18n::Lang;
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
    let (en, zh) = match says {
        Says::Challenges => ("Challenges", "挑战"),
        Says::Easy => ("Easy", "简单"),
        Says::Medium => ("Medium", "中等"),
        Says::Hard => ("Hard", "困难"),
        Says::Solved => ("solved", "已完成"),
        Says::Goal => ("Goal", "目标"),
        Says::Hint => ("Hint", "提示"),
        Says::NoMoreHints => ("No more hints", "没有更多提示"),
        Says::ShowSolution => ("Show solution", "显示答案"),
        Says::ShowingSolution => ("Playing the stored solution…", "正在演示参考答案……"),
        Says::StartAgain => ("Start again", "重新开始"),
        Says::ActionsUsed => ("Actions used", "已用操作"),
        Says::Par => ("par", "标准"),
        Says::Complete => ("Challenge complete!", "挑战完成！"),
        Says::WhyItWorks => ("Why this works", "为什么可行"),
        Says::SolutionLink => ("Solution link", "答案链接"),
        Says::SolutionLinkHelp => (
            "Send this link to your teacher: it holds the challenge and your actions, and their page replays and checks them.",
            "把此链接发给老师：其中包含挑战和你的操作，老师的页面会重放并检查。",
        ),
        Says::MakingLink => ("Making the link…", "正在生成链接……"),
        Says::Close => ("Close", "关闭"),
        Says::BuildChallenge => ("Build a challenge", "创建挑战"),
        Says::EditChallenge => ("Edit this challenge", "编辑此挑战"),
        Says::Builder => ("Challenge builder", "挑战编辑器"),
        Says::BuilderHelp => (
            "The world as it is now is the start. Write the task, record a solution by playing it, pick the goal conditions the world meets afterwards, and share.",
            "以当前的世界为起点。写下任务，亲自操作录制答案，再选择之后世界满足的目标条件，然后分享。",
        ),
        Says::Title => ("Title", "标题"),
        Says::Task => ("Task", "任务"),
        Says::Why => ("Why it works (shown at the finish)", "为什么可行（完成时显示）"),
        Says::Hints => ("Hints", "提示"),
        Says::AddHint => ("Add hint", "添加提示"),
        Says::GoalConditions => ("Goal conditions", "目标条件"),
        Says::AddGoal => ("Add to goal", "加入目标"),
        Says::Remove => ("Remove", "移除"),
        Says::RecordSolution => ("Record a solution", "录制答案"),
        Says::StopRecording => ("Stop recording", "停止录制"),
        Says::Recorded => ("Solution recorded: {n} actions", "已录制答案：{n} 个操作"),
        Says::NotRecorded => ("No solution recorded yet", "尚未录制答案"),
        Says::ShareChallenge => ("Share challenge", "分享挑战"),
        Says::ChallengeLink => ("Challenge link", "挑战链接"),
        Says::CannotShare => ("Cannot share yet", "暂时无法分享"),
        Says::VerdictTitle => ("Checked solution", "答案检查"),
        Says::VerdictSolved => ("Solved ✓ in {n}, par {par}", "已完成 ✓，用了 {n}，标准 {par}"),
        Says::VerdictUnsolved => (
            "Not solved ({n}, par {par}). Still missing:",
            "未完成（{n}，标准 {par}）。仍缺少：",
        ),
        Says::VerdictInvalid => ("This solution link cannot be checked:", "无法检查此答案链接："),
        Says::Missing => ("Still missing", "仍缺少"),
        Says::Gradebook => ("Gradebook", "成绩单"),
        Says::GradebookHelp => (
            "Paste students' solution links, one per line, and export the verdicts as CSV. Nothing leaves this browser.",
            "粘贴学生的答案链接（每行一个），导出检查结果为 CSV。数据不会离开本浏览器。",
        ),
        Says::ExportCsv => ("Export CSV", "导出 CSV"),
        Says::SolvedBefore => ("solved before", "曾完成"),
        Says::ShownSolutionNote => (
            "You watched the stored solution: start again and solve it yourself to finish.",
            "你看过参考答案：请重新开始并亲自完成。",
        ),
    };
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// A count of actions in words: "1 action", "3 actions", "3 个操作".
pub fn actions_text(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::En, 1) => "1 action".to_string(),
        (Lang::En, n) => format!("{n} actions"),
        (Lang::Zh, n) => format!("{n} 个操作"),
    }
}

/// A challenge's own text in `lang`.
pub fn text_in(lang: Lang, text: &ChallengeText) -> &str {
    match lang {
        Lang::En => &text.en,
        Lang::Zh if text.zh.is_empty() => &text.en,
        Lang::Zh => &text.zh,
    }
}
