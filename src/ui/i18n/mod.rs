//! Every user-visible string of the app, in English and Chinese: one translation mechanism, one
//! table per part of the app (this module: the shell and the network lesson; `raft`: the Raft lab;
//! `replay`: scrubbing, sharing and import/export).

use yew::prelude::*;

/// A display language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// The BCP 47 tag for the `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-Hans",
        }
    }

    /// The other language (the switch toggles between the two).
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
    }
}

/// The language in force, from the nearest context provider (English when there is none).
#[hook]
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// Defines `Key` (one variant per string) and `t(lang, key)` in the module where it is used.
macro_rules! table {
    ($($key:ident => $en:literal, $zh:literal;)*) => {
        /// A translatable string.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[allow(missing_docs)]
        pub enum Key { $($key),* }

        /// The text of `key` in `lang`.
        pub fn t(lang: $crate::ui::i18n::Lang, key: Key) -> &'static str {
            match (key, lang) {
                $((Key::$key, $crate::ui::i18n::Lang::En) => $en, (Key::$key, $crate::ui::i18n::Lang::Zh) => $zh,)*
            }
        }
    };
}

pub mod config;
pub mod course;
pub mod ids;
pub mod locks;
pub mod raft;
pub mod replay;
pub mod txn;

table! {
    AppName => "distlab", "distlab";
    Keys => "Keyboard", "键盘快捷键";
    KeyPlay => "play or pause", "播放或暂停";
    KeyStep => "step one event", "单步处理一个事件";
    KeyHelp => "show or hide this list", "显示或隐藏此列表";
    Title => "The network is unreliable", "网络是不可靠的";
    Subtitle => "Lesson 1 · heartbeats and a timeout failure detector", "第一课 · 心跳与超时故障检测器";
    SwitchLang => "中文", "English";
    SwitchLangTitle => "Switch language", "切换语言";
    Play => "Play", "播放";
    Pause => "Pause", "暂停";
    Step => "Step", "单步";
    StepTitle => "Handle the next event", "处理下一个事件";
    Speed => "Speed", "速度";
    SpeedTitle => "Virtual time per real second, from 1/1000× to 100×", "每秒真实时间对应的虚拟时间，从 1/1000× 到 100×";
    Time => "Virtual time", "虚拟时间";
    Reset => "Reset", "重置";
    Advance => "+0.5 s", "+0.5 秒";
    AdvanceTitle => "Run 500 ms of virtual time (stops at a first violation)", "运行 500 毫秒虚拟时间（遇到第一个违反即停）";
    Scenario => "Scenario", "场景";
    ScenarioCustom => "Custom (the switches below)", "自定义（下方开关）";
    HeavyRun => "running at 1/{n} of the set speed: this run is heavy (pause to look)", "实际速度为设定速度的 1/{n}：此次运行负载过重（可暂停查看）";
    NodeCount => "Nodes", "节点数";
    Actions => "Scenario actions", "场景操作数";
    Network => "Network", "网络";
    LatencyMin => "Latency min", "最小延迟";
    LatencyMax => "Latency max", "最大延迟";
    Loss => "Loss", "丢包率";
    Duplication => "Duplication", "重复率";
    Reordering => "Reordering", "乱序率";
    Ms => "ms", "毫秒";
    Sec => "s", "秒";
    HealAll => "Heal all links", "修复所有链路";
    Counters => "Messages", "消息统计";
    Sent => "Sent", "已发送";
    Delivered => "Delivered", "已送达";
    Lost => "Lost", "丢失";
    DroppedLink => "Dropped: link down", "丢弃：链路断开";
    DroppedNode => "Dropped: node down", "丢弃：节点宕机";
    DroppedManual => "Dropped by hand", "手动丢弃";
    Duplicated => "Duplicated", "重复";
    Reordered => "Reordered", "乱序";
    Nodes => "Nodes", "节点";
    Up => "up", "运行中";
    Down => "down", "已宕机";
    Paused => "paused", "已暂停";
    Kill => "Kill", "杀死";
    Restart => "Restart", "重启";
    PauseNode => "Pause", "暂停";
    ResumeNode => "Resume", "恢复";
    Isolate => "Isolate", "隔离";
    IsolateTitle => "Cut every link to and from this node", "切断该节点的所有进出链路";
    ClockBack => "Clock −100 ms", "时钟 −100 毫秒";
    ClockForward => "Clock +100 ms", "时钟 +100 毫秒";
    Node => "Node", "节点";
    State => "State", "状态";
    Incarnation => "Incarnation (boots)", "化身（启动次数）";
    Suspects => "Suspects", "怀疑对象";
    NoOne => "none", "无";
    LocalClock => "Local clock", "本地时钟";
    ClockSkew => "Clock skew", "时钟偏差";
    Close => "Close", "关闭";
    SelectHint => "Click a node to inspect it.", "点击一个节点查看详情。";
    EventLog => "Event log", "事件日志";
    PlayFailure => "Play the failure", "播放这个故障";
    PlayFailureTitle => "Open a recorded run with this mistake 1.5 s before it fails, and play it at 0.25x", "打开一段带有这个错误的录制运行，停在它出错前 1.5 秒，并以 0.25 倍速播放";
    TabNetwork => "Network and sharing", "网络与分享";
    TabLesson => "Lesson and counters", "课程与计数";
    Refused => "Refused", "操作被拒绝";
    Dismiss => "Dismiss", "关闭";
    ClusterLabel => "The cluster: nodes on a ring, one line per link direction", "集群：环上的节点，每个链路方向一条线";
    LinkTitle => "Link {from} → {to}: click to cut or heal", "链路 {from} → {to}：点击切断或修复";
    LegendPing => "request", "请求";
    LegendPong => "reply or notification", "应答或通知";
    LegendDoomed => "will be lost", "将会丢失";
    LegendDuplicate => "network copy", "网络产生的副本";
    LegendBuffered => "waiting at a paused node", "在暂停节点处等待";
    LegendSuspicious => "suspects someone", "正在怀疑某个节点";
    LegendCut => "cut link", "断开的链路";
    StartNetwork => "Press Play (or Space), then click a link direction to cut it: the nodes on either side start to suspect each other.", "按“播放”（或空格键），然后点击一条链路的一个方向把它断开：两边的节点会开始互相怀疑。";
    Hint => "Click a node to inspect it, a link direction to cut or heal it, a message in flight to drop it. Keys: Space plays or pauses, S steps.",
            "点击节点查看详情，点击链路方向切断或修复，点击传输中的消息将其丢弃。快捷键：空格 播放/暂停，S 单步。";
    LessonHeading => "What you are looking at", "你看到的是什么";
    Lesson1 => "Every node sends a Ping to every other node about every 300 ms and answers each Ping with a Pong. A node that has heard nothing from a peer for 1 s suspects it: a “?” list appears under the node and it turns dashed.",
               "每个节点大约每 300 毫秒向其他所有节点发送 Ping，并用 Pong 回应收到的每个 Ping。如果一个节点在 1 秒内没有收到某个对等节点的任何消息，就会怀疑它：节点下方出现“?”列表，节点边框变为虚线。";
    Lesson2 => "Now kill node 1, or cut both directions of its links, or pause it. From the other nodes the three look exactly the same: silence. A timeout failure detector cannot tell a crashed node from a partitioned one or from one stuck in a long GC pause.",
               "现在杀死节点 1，或者切断它两个方向的链路，或者暂停它。从其他节点看来，这三种情况完全一样：只是沉默。超时故障检测器无法区分节点是崩溃了、被网络分区隔开了，还是卡在一次很长的 GC 暂停中。";
    Lesson3 => "Try a one-way cut: the node that still hears its peer trusts it, the other suspects it. Resume a paused node: the messages buffered while it slept arrive all at once. Raise loss and watch suspicion flicker with no fault at all.",
               "试试单向切断：仍能收到对方消息的节点信任它，另一方则怀疑它。恢复一个暂停的节点：它暂停期间缓存的消息会一下子全部到达。调高丢包率，即使没有任何故障，怀疑也会时有时无。";
    EvSend => "send", "发送";
    EvDuplicate => "duplicate", "复制";
    EvDeliver => "deliver", "送达";
    EvDrop => "drop", "丢弃";
    EvBuffer => "buffer", "缓存";
    EvDelay => "delay", "延迟";
    EvTimer => "timer", "定时器";
    EvInput => "input", "输入";
    EvCrash => "crash", "崩溃";
    EvRestart => "restart", "重启";
    EvPause => "pause", "暂停";
    EvResume => "resume", "恢复";
    EvLinkUp => "link up", "链路恢复";
    EvLinkDown => "link down", "链路断开";
    EvNetwork => "network", "网络设置";
    EvClock => "clock", "时钟";
    EvRefused => "refused", "被拒绝";
    Invariants => "Invariants", "不变量";
    Holds => "holds", "成立";
    Broken => "broken", "被违反";
    ViolationAt => "at {t}, nodes {nodes}", "发生于 {t}，涉及节点 {nodes}";
    EvSuspect => "suspect", "怀疑";
    EvTrust => "trust", "恢复信任";
    WordLoss => "lost", "丢失";
    WordNodeDown => "receiver down", "接收方宕机";
    WordManual => "dropped by hand", "手动丢弃";
    WordBoot => "boot", "启动";
    WordSuspects => "?", "?";
    WordLossRate => "loss", "丢包";
    WordDuplication => "dup", "重复";
    WordReordering => "reorder", "乱序";
    WordOffset => "offset", "偏移";
    WordDrift => "drift", "漂移";
    LinksLabel => "Link directions: Tab reaches them, the arrow keys choose one, Enter cuts or heals it",
                  "链路方向：用 Tab 进入，方向键选择，回车切断或修复";
}

/// A vocabulary word of the view models (a trace event's name, a `Note`'s word) in `lang`;
/// unknown words are shown as they are.
pub fn word(lang: Lang, word: &'static str) -> &'static str {
    let key = match word {
        "send" => Key::EvSend,
        "duplicate" => Key::EvDuplicate,
        "deliver" => Key::EvDeliver,
        "drop" => Key::EvDrop,
        "buffer" => Key::EvBuffer,
        "delay" => Key::EvDelay,
        "timer" => Key::EvTimer,
        "input" => Key::EvInput,
        "crash" => Key::EvCrash,
        "restart" => Key::EvRestart,
        "pause" => Key::EvPause,
        "resume" => Key::EvResume,
        "link_up" => Key::EvLinkUp,
        "link_down" => Key::EvLinkDown,
        "network" => Key::EvNetwork,
        "clock" => Key::EvClock,
        "refused" => Key::EvRefused,
        "suspect" => Key::EvSuspect,
        "trust" => Key::EvTrust,
        "loss" => Key::WordLoss,
        "node_down" => Key::WordNodeDown,
        "manual" => Key::WordManual,
        "boot" => Key::WordBoot,
        "suspects" => Key::WordSuspects,
        "loss_rate" => Key::WordLossRate,
        "duplication" => Key::WordDuplication,
        "reordering" => Key::WordReordering,
        "offset" => Key::WordOffset,
        "drift" => Key::WordDrift,
        "up" => Key::Up,
        "paused" => Key::Paused,
        other => {
            return raft::word(lang, other)
                .or_else(|| locks::word(lang, other))
                .or_else(|| txn::word(lang, other))
                .or_else(|| ids::word(lang, other))
                .or_else(|| config::word(lang, other))
                .unwrap_or(other)
        }
    };
    t(lang, key)
}

/// A note as shown: its translated word, then its value.
pub fn note_text(lang: Lang, note: &crate::lab::view::Note) -> String {
    match note_value(lang, note) {
        value if value.is_empty() => word(lang, note.word).to_string(),
        value => format!("{} {value}", word(lang, note.word)),
    }
}

/// A note's value in `lang`: translated when it is a vocabulary word (a role, a status).
pub fn note_value(lang: Lang, note: &crate::lab::view::Note) -> String {
    note.value_word.map_or_else(|| note.value.clone(), |value| word(lang, value).to_string())
}

/// Inspector rows as (label, value), both in `lang`.
pub fn note_rows(lang: Lang, rows: &[crate::lab::view::Note]) -> Vec<(String, String)> {
    rows.iter().map(|n| (word(lang, n.word).to_string(), note_value(lang, n))).collect()
}

/// A node status's name in `lang`.
pub fn status_name(lang: Lang, status: crate::sim::NodeStatus) -> &'static str {
    use crate::sim::NodeStatus;
    t(
        lang,
        match status {
            NodeStatus::Up => Key::Up,
            NodeStatus::Down => Key::Down,
            NodeStatus::Paused => Key::Paused,
        },
    )
}

/// Fill `{name}` placeholders of a translated template.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(template.to_string(), |text, (name, value)| text.replace(&format!("{{{name}}}"), value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_name_and_note_word_is_translated() {
        for w in ["send", "drop", "crash", "link_down", "suspect", "trust", "loss", "node_down", "boot", "loss_rate"] {
            assert_ne!(word(Lang::Zh, w), w);
        }
        assert_eq!(word(Lang::En, "mystery"), "mystery");
    }

    #[test]
    fn every_role_and_status_shown_as_an_inspector_value_is_translated() {
        use crate::lab::view::Note;
        use crate::raft::Role;
        use crate::sim::NodeStatus;
        let roles = [Role::Follower, Role::PreCandidate, Role::Candidate, Role::Leader].map(Role::as_str);
        let statuses = [NodeStatus::Up, NodeStatus::Down, NodeStatus::Paused].map(NodeStatus::as_str);
        for value in roles.into_iter().chain(statuses).chain(["redis", "replica"]) {
            let shown = note_value(Lang::Zh, &Note::worded("role", value));
            assert_ne!(shown, value, "{value} has no Chinese word");
            assert!(!shown.is_empty());
        }
        assert_eq!(note_rows(Lang::Zh, &[Note::worded("role", "pre_candidate")])[0].1, word(Lang::Zh, "pre_candidate"));
        assert_eq!(note_value(Lang::Zh, &Note::new("term", "3")), "3", "numbers stay as they are");
    }

    #[test]
    fn fill_replaces_placeholders() {
        assert_eq!(fill("Link {from} → {to}", &[("from", "1"), ("to", "2")]), "Link 1 → 2");
    }
}
