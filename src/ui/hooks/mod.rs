//! Hooks that own the web's side effects: animation frames, work after a paint, storage, keyboard.

pub mod use_after_paint;
pub mod use_animation_frames;
pub mod use_autosave;
pub mod use_keyboard_shortcuts;
pub mod use_language;
pub mod use_print;
pub mod use_stage_shape;
