//! Small control helpers shared by the shell's panels.

use yew::prelude::*;

use super::fault::Fault;

/// A button that asks for `fault` when clicked.
pub fn fault_button(
    label: &str,
    testid: String,
    class: &'static str,
    fault: Fault,
    on_fault: &Callback<Fault>,
) -> Html {
    fault_button_if(true, label, testid, class, fault, on_fault)
}

/// A button that asks for `fault` when clicked, `disabled` (greyed, out of the Tab order) when
/// `enabled` is false because the fault cannot apply (restarting a running node).
pub fn fault_button_if(
    enabled: bool,
    label: &str,
    testid: String,
    class: &'static str,
    fault: Fault,
    on_fault: &Callback<Fault>,
) -> Html {
    let onclick = on_fault.reform(move |_: MouseEvent| fault.clone());
    html! {
        <button type="button" class={classes!("btn", class)} data-testid={testid} disabled={!enabled} {onclick}>
            { label.to_string() }
        </button>
    }
}

/// A keydown handler that runs `action` on Enter or Space (for clickable SVG shapes).
pub fn on_activate_key(action: Callback<()>) -> Callback<KeyboardEvent> {
    Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" || e.key() == " " {
            e.prevent_default();
            action.emit(());
        }
    })
}
