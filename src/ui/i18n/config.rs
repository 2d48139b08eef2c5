//! The configuration-center lab's strings, English and Simplified Chinese, and its vocabulary:
//! roles, event names and note words of its view model, the CAP letters and BASE properties, its
//! named scenarios, and its violation sentences by code.

use super::Lang;
use crate::lab::config::scenarios::{Base, Cap, Named};

table! {
    Title => "CAP and configuration: CP or AP", "CAP 与配置中心：CP 或 AP";
    Subtitle => "Nacos runs both halves of CAP: CP on Raft (JRaft) or AP on Distro. One cluster, the same partition, either mode.",
                "Nacos 同时实现了 CAP 的两半：CP 基于 Raft（JRaft），AP 基于 Distro。同一个集群、同一次分区，任选一种模式。";
    Default => "Default: three servers in CP, three clients, no fault", "默认：三台 CP 服务器、三个客户端、无故障";
    Start => "Press Play (or Space): the servers elect a Raft leader and the clients load db.url. Then partition server 0, publish, and flip CP/AP to replay the same run in the other mode; or pick a scenario above.",
             "按“播放”（或空格键）：服务器选出 Raft 领导者，客户端加载 db.url。然后分区服务器 0、发布配置，再切换 CP/AP，用另一种模式重放同一次运行；或在上方选择一个场景。";
    Simplified => "Simplified: a Distro sync is sent once, without retry (anti-entropy repairs what it loses); a CP follower does not forward a write, it names the leader and the client goes there; an AP server restarts from its own disk only. Timings are Nacos's own, not scaled: JRaft election 5 to 10 s, Distro sync delay 1 s, verify every 5 s, long polls held 29.5 s.",
                 "简化之处：Distro 同步只发送一次、不重试（丢失的由反熵修复）；CP 的跟随者不转发写请求，而是告诉客户端领导者是谁，由客户端转去；AP 服务器重启时只从自己的磁盘恢复。时间参数都是 Nacos 的原值，未缩放：JRaft 选举 5 到 10 秒，Distro 同步延迟 1 秒，每 5 秒校验一次，长轮询挂起 29.5 秒。";
    Mode => "Mode", "模式";
    ModeCp => "CP · Raft", "CP · Raft";
    ModeAp => "AP · Distro", "AP · Distro";
    ModeCpTitle => "Consistency: every change goes through Raft; a minority side refuses writes and linearizable reads",
                   "一致性：每次变更都经过 Raft；少数派一侧拒绝写入和线性一致读";
    ModeApTitle => "Availability: any side accepts writes; replicas diverge and converge after the heal (anti-entropy)",
                   "可用性：任何一侧都接受写入；副本会分叉，分区恢复后再收敛（反熵）";
    ModeHint => "Switching replays the same scenario (the same actions, the same seed) with the servers in the other mode.",
                "切换模式会用另一种模式重放同一个场景（相同的操作、相同的种子）。";
    PartitionZero => "Partition server 0", "分区服务器 0";
    PartitionZeroTitle => "Cut server 0 and its client 3 off from the others: a minority of one server", "把服务器 0 和它的客户端 3 与其他节点隔开：只有一台服务器的少数派";
    Heal => "Heal", "恢复网络";
    HealTitle => "Bring every link back up", "恢复所有链路";
    AdvanceFive => "+5 s", "+5 秒";
    AdvanceFiveTitle => "Run 5 s of virtual time (stops at a first violation)", "运行 5 秒虚拟时间（遇到第一个违反即停）";
    Sides => "The cluster by side of the partition", "按分区两侧看集群";
    NoPartition => "no partition yet: one side", "尚无分区：只有一侧";
    PartitionNow => "partitioned", "已分区";
    PartitionHealed => "healed (sides of the last partition)", "已恢复（上一次分区的两侧）";
    SideN => "side {n}", "第 {n} 侧";
    Servers => "servers", "服务器";
    Clients => "clients", "客户端";
    CapLine => "CAP gives up", "CAP 放弃";
    BaseLine => "BASE shows", "BASE 体现";
    Measures => "Availability and staleness per side", "各侧的可用性与陈旧度";
    WritesAccepted => "writes accepted", "写入被接受";
    WritesRefused => "writes refused", "写入被拒绝";
    ReadsAnswered => "reads answered", "读取得到应答";
    ReadsRefused => "reads refused", "读取被拒绝";
    ReadsStale => "stale reads", "陈旧读";
    Staleness => "oldest stale value", "最陈旧的值";
    Convergence => "Longest convergence after a heal", "分区恢复后最长收敛耗时";
    Propagation => "Publish to every client (max)", "发布到所有客户端（最长）";
    LostSkew => "Writes lost to clock skew", "因时钟偏差丢失的写入";
    FromCache => "Clients started from cache", "从本地缓存启动的客户端";
    NotYet => "not yet", "尚未发生";
    BothModes => "The same scenario to its end, in each mode", "同一场景运行到结束时，两种模式的对比";
    ModeCol => "mode", "模式";
    MinorityCol => "side {n}: writes ok / refused, reads ok / refused / stale", "第 {n} 侧：写成功/被拒，读成功/被拒/陈旧";
    Verdict => "verdict", "结论";
    AllHold => "every invariant holds", "所有不变量成立";
    Releases => "Release history of {key}", "{key} 的发布历史";
    NoReleases => "No release yet: publish one.", "还没有发布：先发布一个。";
    ReleaseVersion => "version", "版本";
    ReleaseKind => "kind", "类型";
    ReleaseValue => "value", "值";
    ReleaseGray => "gray to", "灰度给";
    Current => "current", "当前";
    Publish => "Publish {value}", "发布 {value}";
    PublishTitle => "Client {client} publishes a new release of {key} for every client (Apollo publish)", "客户端 {client} 为所有客户端发布 {key} 的新版本（Apollo 发布）";
    Rollback => "Roll back", "回滚";
    RollbackTitle => "Go back to the release before the current one (Apollo rollback; refused when there is none)", "回到当前版本之前的那个发布（Apollo 回滚；没有更早的发布时被拒绝）";
    Gray => "Gray release to client {client}", "灰度发布给客户端 {client}";
    GrayTitle => "Release a new value to client {client} only; the others keep the main release until the next full publish", "只向客户端 {client} 发布新值；其他客户端保持主版本，直到下一次全量发布";
    ReleaseFrom => "as client", "操作客户端";
    KindPublish => "publish", "发布";
    KindGray => "gray", "灰度";
    KindRollback => "rollback", "回滚";
    LegendLeader => "CP leader (rounded square)", "CP 领导者（圆角方形）";
    LegendFollower => "CP follower (disc)", "CP 跟随者（圆形）";
    LegendCandidate => "CP candidate (hexagon)", "CP 候选者（六边形）";
    LegendDistro => "AP Distro member (thick dotted ring)", "AP Distro 成员（粗点线环）";
    LegendClient => "client application (thin grey ring)", "客户端应用（灰色细环）";
    LegendDown => "down node (crossed)", "宕机节点（打叉）";
    LegendPaused => "paused node (a pause badge)", "已暂停的节点（暂停标记）";
    LegendFlagged => "named by a broken invariant", "被违反的不变量点名";
    LegendSideLine => "partition line between the sides (solid: in force, dashed: healed)", "两侧之间的分区线（实线：分区中，虚线：已恢复）";
    LegendStale => "copy behind the newest version", "落后于最新版本的副本";
    KeyMode => "switch CP / AP (replays the same run)", "切换 CP / AP（重放同一次运行）";
    KeyPublish => "publish from client 3", "以客户端 3 发布";
    KeyPartition => "partition server 0, or heal", "分区服务器 0，或恢复网络";
    KeyAdvance => "run 5 s", "运行 5 秒";
    GivesUpC => "C (consistency): the sides disagree", "C（一致性）：两侧看到的不一致";
    GivesUpA => "A (availability): the minority refuses", "A（可用性）：少数派拒绝服务";
    GivesUpNothing => "nothing: there is no partition to choose under", "没有放弃：不存在需要取舍的分区";
    BasicallyAvailable => "basically available: a part is down, the rest still answers", "基本可用：部分故障，其余仍能应答";
    SoftState => "soft state: copies change by themselves and may differ meanwhile", "软状态：副本会自行变化，期间可能彼此不同";
    EventuallyConsistent => "eventually consistent: once healed, every copy becomes the same", "最终一致：恢复后所有副本变得相同";
    Strong => "none: strong consistency instead", "不体现：以强一致性代替";
    WDistroMember => "Distro member", "Distro 成员";
    WRaftMember => "Raft member", "Raft 成员";
    WConfigClient => "client", "客户端";
    WVersion => "version", "版本";
    WCached => "cached", "缓存";
    WFromCache => "from cache", "来自缓存";
    WRoleChange => "role", "角色变化";
    WAccepted => "accepted", "已接受";
    WWriteRefused => "write refused", "写入被拒绝";
    WMerged => "merged", "已合并";
    WWriteInvoked => "write sent", "发出写入";
    WWriteAcked => "write acknowledged", "写入已确认";
    WWriteFailed => "write failed", "写入失败";
    WReadInvoked => "read sent", "发出读取";
    WReadReturned => "read returned", "读取返回";
    WReadFailed => "read failed", "读取失败";
    WSeen => "configuration changed", "配置已更新";
    WStarted => "started from a server", "从服务器启动";
    WStartedFromCache => "started from its local cache", "从本地缓存启动";
    WBelievesAlive => "believes alive", "认为存活";
    WRepaired => "repaired (anti-entropy)", "已修复（反熵）";
    WHeldPolls => "long polls held", "挂起的长轮询";
    WHome => "long-polls server", "长轮询的服务器";
    WAcked => "writes acknowledged", "已确认的写入";
    WFailed => "requests failed", "失败的请求";
    InvNoStaleRead => "No Stale Read", "无陈旧读";
    InvNoLostWrite => "No Lost Write", "无丢失写入";
    InvConverges => "Converges", "收敛";
    VStaleRead => "client {node} read version {version} of {key}, but version {floor} was acknowledged before the read was sent",
                  "客户端 {node} 读到了 {key} 的版本 {version}，但在发出读取之前版本 {floor} 已被确认";
    VLostWrite => "the change of {key} acknowledged to client {node} as version {version} is in no server's copy",
                  "已向客户端 {node} 确认为版本 {version} 的 {key} 变更不在任何服务器的副本中";
    VLostToLww => "the change of {key} acknowledged to client {node} as version {version} was lost: last-writer-wins kept a write made earlier by a server whose clock read later",
                  "已向客户端 {node} 确认为版本 {version} 的 {key} 变更丢失了：“最后写入者胜”保留了一个更早的写入，只因接受它的服务器时钟读数更晚";
    VNotConverged => "server {node} still lacks version {version} of {key} {bound} µs after the heal",
                     "分区恢复 {bound} 微秒后，服务器 {node} 仍缺少 {key} 的版本 {version}";
    NCpPartition => "CP partition: the minority refuses", "CP 分区：少数派拒绝服务";
    DCpPartition => "Server 0 and client 3 are cut off. In CP the minority cannot reach a Raft majority: client 3's write and read are refused, while the majority side elects a leader and commits two writes. After the heal server 0 catches up through Raft.",
                    "服务器 0 和客户端 3 被隔开。CP 模式下少数派无法联系到 Raft 多数派：客户端 3 的写入和读取都被拒绝，而多数派一侧选出领导者并提交了两次写入。恢复后服务器 0 通过 Raft 追上进度。";
    NApPartition => "AP partition: both sides accept, then converge", "AP 分区：两侧都接受，之后收敛";
    DApPartition => "The same partition in AP: server 0 accepts client 3's write as well, the copies diverge, and client 3 reads an older version than the majority acknowledged (stale). After the heal anti-entropy repairs the copies and the higher version wins everywhere.",
                    "同样的分区在 AP 模式下：服务器 0 也接受了客户端 3 的写入，副本分叉，客户端 3 读到比多数派已确认的更旧的版本（陈旧读）。恢复后反熵修复副本，更高的版本在所有地方胜出。";
    NApClockSkew => "AP with a skewed clock loses a write", "AP 时钟偏差导致写入丢失";
    DApClockSkew => "Server 0's clock runs 10 s ahead. During a partition each side accepts one write at the same version; after the heal last-writer-wins compares the servers' clocks and keeps the earlier write, so client 4's acknowledged write is lost.",
                    "服务器 0 的时钟快了 10 秒。分区期间两侧各自以相同版本接受了一次写入；恢复后“最后写入者胜”比较服务器时钟，保留了更早的那次写入，于是客户端 4 已被确认的写入丢失了。";
    NCacheStart => "Every server down: start from the local cache", "所有服务器宕机：从本地缓存启动";
    DCacheStart => "Every server crashes, then client 5 restarts. No server answers, so it starts from the configuration cached on its local disk (as Nacos and Apollo clients do): available, but perhaps stale.",
                   "所有服务器崩溃后，客户端 5 重启。没有服务器应答，它就用本地磁盘上缓存的配置启动（Nacos 和 Apollo 的客户端都这样做）：可用，但可能是旧的。";
    NLongPolling => "Long polling delivers a change within a round trip", "长轮询在一个往返内送达变更";
    DLongPolling => "Every client holds a long poll at its server (held up to 29.5 s). A publish answers the held polls at once, and each client reads the new value: the change reaches every client within about a round trip, not after the hold.",
                    "每个客户端都在它的服务器上挂着一个长轮询（最多挂起 29.5 秒）。一次发布会立即应答挂起的轮询，各客户端随即读取新值：变更在大约一个往返内到达所有客户端，而不是等到挂起超时。";
    NGrayRelease => "Gray release to one instance", "灰度发布给一个实例";
    DGrayRelease => "A new value is released to client 4 only (Apollo's gray release); the other clients keep the main release until the full publish, which reaches everyone.",
                    "新值只发布给客户端 4（Apollo 灰度发布）；其他客户端保持主版本，直到全量发布后所有客户端都收到。";
    NRollback => "Rollback to the previous release", "回滚到上一个发布";
    DRollback => "Two publishes, then a rollback: every client returns to the first value as a new version. A second rollback has nothing before the first publish and is refused.",
                 "两次发布之后回滚：所有客户端都回到第一个值（作为一个新版本）。第二次回滚时第一次发布之前已没有版本，于是被拒绝。";
}

/// A named scenario's title and one sentence on what it teaches, in `lang`.
pub fn scenario_text(lang: Lang, named: Named) -> (&'static str, &'static str) {
    let (name, what) = match named {
        Named::CpPartition => (Key::NCpPartition, Key::DCpPartition),
        Named::ApPartition => (Key::NApPartition, Key::DApPartition),
        Named::ApClockSkew => (Key::NApClockSkew, Key::DApClockSkew),
        Named::CacheStart => (Key::NCacheStart, Key::DCacheStart),
        Named::LongPolling => (Key::NLongPolling, Key::DLongPolling),
        Named::GrayRelease => (Key::NGrayRelease, Key::DGrayRelease),
        Named::Rollback => (Key::NRollback, Key::DRollback),
    };
    (t(lang, name), t(lang, what))
}

/// The CAP letter given up, in `lang`.
pub fn cap_text(lang: Lang, cap: Cap) -> &'static str {
    t(
        lang,
        match cap {
            Cap::Consistency => Key::GivesUpC,
            Cap::Availability => Key::GivesUpA,
            Cap::Nothing => Key::GivesUpNothing,
        },
    )
}

/// The BASE property shown, in `lang`.
pub fn base_text(lang: Lang, base: Base) -> &'static str {
    t(
        lang,
        match base {
            Base::BasicallyAvailable => Key::BasicallyAvailable,
            Base::SoftState => Key::SoftState,
            Base::EventuallyConsistent => Key::EventuallyConsistent,
            Base::Strong => Key::Strong,
        },
    )
}

/// A violation's sentence in `lang`, from its code and facts; the engine's English if the code is unknown.
pub fn violation_text(lang: Lang, violation: &crate::sim::Violation) -> String {
    let key = match violation.code {
        "stale_read" => Key::VStaleRead,
        "lost_write" => Key::VLostWrite,
        "lost_to_lww" => Key::VLostToLww,
        "not_converged" => Key::VNotConverged,
        _ => return violation.explanation.clone(),
    };
    crate::sim::fill_facts(t(lang, key), &violation.facts)
}

/// A configuration-center word (role, event name, note word, invariant) in `lang`, if it is one.
pub fn word(lang: Lang, word: &str) -> Option<&'static str> {
    let key = match word {
        "distro_member" => Key::WDistroMember,
        "raft_member" => Key::WRaftMember,
        "config_client" => Key::WConfigClient,
        "version" => Key::WVersion,
        "cached" => Key::WCached,
        "from_cache" => Key::WFromCache,
        "role_change" => Key::WRoleChange,
        "accepted" => Key::WAccepted,
        "write_refused" => Key::WWriteRefused,
        "merged" => Key::WMerged,
        "write_invoked" => Key::WWriteInvoked,
        "write_acked" => Key::WWriteAcked,
        "write_failed" => Key::WWriteFailed,
        "read_invoked" => Key::WReadInvoked,
        "read_returned" => Key::WReadReturned,
        "read_failed" => Key::WReadFailed,
        "seen" => Key::WSeen,
        "started" => Key::WStarted,
        "started_from_cache" => Key::WStartedFromCache,
        "believes_alive" => Key::WBelievesAlive,
        "repaired" => Key::WRepaired,
        "held_polls" => Key::WHeldPolls,
        "home" => Key::WHome,
        "writes_acked" => Key::WAcked,
        "requests_failed" => Key::WFailed,
        "No Stale Read" => Key::InvNoStaleRead,
        "No Lost Write" => Key::InvNoLostWrite,
        "Converges" => Key::InvConverges,
        _ => return None,
    };
    Some(t(lang, key))
}

/// A configuration-center word in `lang`, before the other labs' meaning of the same word.
pub fn config_word(lang: Lang, w: &'static str) -> &'static str {
    word(lang, w).unwrap_or_else(|| super::word(lang, w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config_center::checker::{english, INVARIANTS};
    use crate::config_center::Mode;
    use crate::lab::config::scenarios::Named;
    use crate::lab::config::view::{describe_event, view};
    use crate::lab::config::{timeline, LAB};
    use crate::sim::{secs, TraceEvent};

    fn translated(w: &'static str) {
        let zh = config_word(Lang::Zh, w);
        assert_ne!(zh, w, "{w} has no Chinese word");
        assert!(!zh.is_empty(), "{w}");
        assert_eq!(crate::ui::i18n::word(Lang::Zh, w), zh, "{w}: the shell draws the same word");
    }

    #[test]
    fn every_word_of_the_view_model_and_every_event_has_a_chinese_translation() {
        for named in [Named::CpPartition, Named::ApPartition, Named::CacheStart] {
            let mut run = timeline(named.scenario(), 100_000);
            run.run_until(named.scenario().end());
            let v = view(&run, 0);
            for node in &v.cluster.nodes {
                translated(node.role);
                node.lines.iter().for_each(|n| translated(n.word));
            }
            for e in run.world().trace().entries() {
                if let TraceEvent::Engine(ev) = &e.event {
                    translated(describe_event(ev).0);
                }
            }
            for id in 0..6 {
                for row in crate::lab::config::view::inspect::node_rows(run.world(), id) {
                    translated(row.word);
                }
            }
        }
        for name in INVARIANTS {
            translated(name);
        }
        for w in ["started", "started_from_cache", "write_failed", "read_failed", "merged"] {
            translated(w);
        }
    }

    #[test]
    fn every_scenario_and_violation_reads_in_both_languages() {
        for named in Named::ALL {
            let (en, zh) = (scenario_text(Lang::En, named), scenario_text(Lang::Zh, named));
            assert_ne!(en, zh, "{}", named.id());
            for mode in [Mode::Cp, Mode::Ap] {
                let (cap, base) = named.lesson(mode);
                assert_ne!(cap_text(Lang::En, cap), cap_text(Lang::Zh, cap));
                assert_ne!(base_text(Lang::En, base), base_text(Lang::Zh, base));
            }
        }
        let mut run = timeline(Named::ApClockSkew.scenario(), 0);
        run.run_until(secs(80));
        let violation = run.violation().expect("the skew scenario breaks").clone();
        assert_eq!(violation_text(Lang::En, &violation), violation.explanation, "the English matches the engine's");
        assert_ne!(violation_text(Lang::Zh, &violation), violation.explanation);
        for code in ["stale_read", "lost_write", "lost_to_lww", "not_converged"] {
            assert_ne!(english(code), "an invariant broke", "{code}");
        }
        assert_eq!(LAB, "config");
    }
}
