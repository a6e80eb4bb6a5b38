//! The story in words: the newest captions the core tells from the world's events, newest last and strongest.

use crate::sim::story::{captions, Caption};
use crate::sim::time::SimTime;
use crate::ui::i18n::{tongue, tr, Lang, Text};
use crate::ui::sampling;
use crate::ui::state::Sim;
use yew::prelude::*;

/// How many sentences show at once.
const SHOWN: usize = 3;
/// How far back the story is told from (older events are the transcript's).
pub(crate) const TOLD_SINCE: SimTime = SimTime::from_millis(30 * 60 * 1000);

#[derive(Properties)]
pub struct CaptionBarProps {
    pub lang: Lang,
    pub sim: Sim,
    /// During a flood (`sampling`), the sample shown: the story is told again when the next one begins.
    #[prop_or_default]
    pub sample: Option<u64>,
}

/// Re-renders only when something happened (during a flood, once a sample).
impl PartialEq for CaptionBarProps {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && self.sim.change_key() == other.sim.change_key()
            && sampling::unchanged(self.sample, other.sample, || {
                self.sim.moment_key() == other.sim.moment_key()
            })
    }
}

#[function_component(CaptionBar)]
pub fn caption_bar(props: &CaptionBarProps) -> Html {
    let told = {
        let timeline = props.sim.timeline();
        let world = timeline.world();
        captions(
            world,
            world.now().saturating_sub(TOLD_SINCE),
            SHOWN,
            tongue(props.lang),
        )
    };
    caption_list(props.lang, &told)
}

/// Captions as a live region, so a screen reader tells the story too. A plain view function, not a component:
/// its callers already re-render only when something happened, and each component costs the bundle its own
/// copy of Yew's lifecycle code.
pub fn caption_list(lang: Lang, captions: &[Caption]) -> Html {
    let last = captions.len().saturating_sub(1);
    html! {
        <section class="captions" aria-label={ tr(lang, Text::Story) } aria-live="polite">
            if captions.is_empty() {
                <p class="caption hint">{ tr(lang, Text::StoryEmpty) }</p>
            }
            <ol class="caption-lines">
                { for captions.iter().enumerate().map(|(i, c)| html! {
                    // Keyed by place: a caption that grows ("3 messages" after "2") is updated, not re-created.
                    <li key={ i } class={ classes!("caption", (i == last).then_some("newest")) }
                        data-testid="caption" data-device={ c.device.clone() }>
                        { &c.text }
                    </li>
                }) }
            </ol>
        </section>
    }
}
