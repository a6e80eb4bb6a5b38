//! One component (or plain view function) per file.

pub mod captions;
pub mod challenge_builder;
pub mod challenge_menu;
pub mod challenge_panel;
pub mod compare;
pub mod compose;
pub mod controls;
pub mod device;
pub mod error_banner;
pub mod header;
pub mod help;
pub mod icons;
pub mod lesson_menu;
pub mod lesson_panel;
pub mod lesson_strip;
pub mod notice_banner;
pub mod phone_views;
pub mod reader;
pub mod server;
pub mod share_panel;
pub mod solution_verdict;
pub mod terminal;
pub mod tokens;
pub mod topology;
pub mod transcript;
pub mod transcript_line;
