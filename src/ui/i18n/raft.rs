//! The Raft lab's strings, English and Simplified Chinese, and the Raft vocabulary of its view model.

use super::Lang;
use crate::raft::checker::RaftViolation;
use crate::raft::Bug;

table! {
    RaftTitle => "Raft: consensus you can break", "Raft：可以动手破坏的共识";
    RaftSubtitle => "Leader election and log replication on a cluster you can partition, crash and pause",
                    "在可以分区、宕机、暂停的集群上观察领导者选举与日志复制";
    ScaleDemo => "{n} (scale demo)", "{n}（规模演示）";
    Faults => "Faults", "故障";
    KillLeader => "Kill the leader", "杀死领导者";
    IsolateLeader => "Isolate the leader", "隔离领导者";
    SplitMajority => "Split: minority | majority", "分区：少数派 | 多数派";
    SplitTitle => "The leader's side gets the minority, the rest the majority", "领导者在少数派一侧，其余节点组成多数派";
    Bridge => "Bridge node (partial connectivity)", "桥接节点（部分连通）";
    BridgeTitle => "Two halves that cannot talk to each other; one node still talks to both", "两半之间无法通信；只有一个节点同时连通两边";
    Timeout => "Timeout", "超时";
    TimeoutTitle => "Let this node's election timer run out now", "让该节点的选举定时器立即超时";
    Transfer => "Make leader", "转移领导权到此";
    TransferTitle => "Leadership transfer: the leader catches this node up, then tells it to stand at once (TimeoutNow)", "领导权转移：领导者先让该节点追上日志，再通知它立即发起选举（TimeoutNow）";
    LeaderIs => "Leader", "领导者";
    NoLeaderNow => "no leader", "没有领导者";
    WatchCommitOldTerm => "Watch the logs: a leader counts replicas of an entry from an earlier term and commits it; a later leader that lacks it wins and overwrites it (Figure 8). Leader Completeness breaks.", "观察日志：领导者按副本数提交了一个旧任期的条目；后来一个没有该条目的领导者当选并覆盖了它（论文图 8）。领导者完整性被破坏。";
    WatchForgetVote => "Watch the terms and roles: a node restarts, forgets whom it voted for, votes a second time in the same term, and two leaders share one term. Election Safety breaks.", "观察任期和角色：一个节点重启后忘了自己投给了谁，在同一任期再投一次票，于是同一任期出现两个领导者。选举安全被破坏。";
    WatchVoteNoLogCheck => "Watch the logs: a node whose log lacks committed entries still wins the votes, becomes leader and erases them. Leader Completeness breaks.", "观察日志：一个缺少已提交条目的节点仍然赢得选票，成为领导者并抹掉这些条目。领导者完整性被破坏。";
    WatchSkipCheck => "Watch the logs: followers append entries without checking the entry before them, so one index holds different entries on different nodes. State Machine Safety breaks.", "观察日志：跟随者不检查前一个条目就追加，于是同一个索引在不同节点上是不同的条目。状态机安全被破坏。";
    WatchConfigBeforeCommit => "Watch the membership panel: a new leader changes the configuration before committing an entry of its own term; two majorities that do not overlap each elect a leader. Leader Completeness breaks.", "观察成员变更面板：新领导者在提交本任期的条目之前就变更了配置；两个不相交的多数派各自选出领导者。领导者完整性被破坏。";
    WatchNoRandomization => "Watch the role lanes and the terms: every server times out at the same instant, each votes for itself, no one gets a majority, and the next round splits the same way (section 5.2). No leader is ever elected.", "观察角色泳道和任期：所有服务器在同一时刻超时，各自投票给自己，没人拿到多数票，下一轮又同样分裂（论文 5.2 节）。永远选不出领导者。";
    WatchReadIndexNoHeartbeat => "Watch the client tab: server 4 commits x=1 and is cut off alone; the other four elect server 1, which commits x=2; then server 4, still believing it leads, answers a ReadIndex read with 1 without the heartbeat round (thesis 6.4). The history is not linearizable.", "观察“客户端”标签页：服务器 4 提交了 x=1 后被单独隔离；其余四台选出服务器 1 并提交 x=2；随后服务器 4 仍以为自己是领导者，不做心跳确认就用 ReadIndex 回答读请求：1（论文 6.4 节）。历史不可线性化。";
    WatchPreCandidateKeepsLeader => "Watch the role lanes: server 2, cut off, becomes a pre-candidate but keeps its leader; when the leader is cut off instead and server 1 asks for votes, server 2 refuses it. Both stay pre-candidates and no leader is elected for over a second (etcd-io/etcd#8334).", "观察角色泳道：被隔离的服务器 2 成为预候选人，却仍记着原领导者；等原领导者被隔离、服务器 1 请求投票时，服务器 2 拒绝了它。两者都停在预候选人状态，一秒多选不出领导者（etcd-io/etcd#8334）。";
    NoLeaderToKill => "There is no leader to kill right now (an election is under way): press Play and try again once a leader is shown.", "现在没有可以杀死的领导者（正在选举）：按“播放”，等出现领导者后再试。";
    ClickMessage => "Clicking a message", "点击消息时";
    ClickDrops => "drops it", "丢弃它";
    ClickInspects => "inspects it", "查看它";
    Start => "Press Play (or Space): a leader is elected within about a second; then press Kill the leader (K) and watch the next election.", "按“播放”（或空格键）：大约一秒内会选出领导者；然后按“杀死领导者”（K），观察下一次选举。";
    Hint => "Click a node to inspect it, a link direction to cut or heal it, a message in flight to drop it. Press ? for the keys.",
            "点击节点查看详情，点击链路方向切断或修复，点击传输中的消息将其丢弃。按 ? 查看快捷键。";
    LegendFollower => "follower (disc)", "跟随者（圆形）";
    LegendCandidate => "candidate (hexagon)", "候选人（六边形）";
    LegendLeader => "leader (square)", "领导者（方形）";
    LegendTimer => "election timer left", "选举定时器剩余";
    LegendFlagged => "named in a violation", "违反不变量的节点";
    LegendRequests => "RV RequestVote, PV PreVote, AE AppendEntries, HB heartbeat, IS InstallSnapshot", "RV 请求投票、PV 预投票、AE 追加日志、HB 心跳、IS 安装快照";
    Logs => "Logs", "日志";
    TabClient => "Client and linearizability", "客户端与线性一致性";
    TabSettings => "Features and mistakes", "特性与经典错误";
    LogsHint => "One row per node, one column per index; colour and number give the entry's term. A bar under an entry: committed; a dot: applied.",
                "每个节点一行，每个索引一列；颜色和数字表示条目的任期。条目下方的横条：已提交；圆点：已应用。";
    Commit => "commit", "提交";
    Applied => "applied", "已应用";
    NextIndex => "nextIndex", "nextIndex";
    MatchIndex => "matchIndex", "matchIndex";
    Follower => "Follower", "跟随者";
    StateMachine => "State machine", "状态机";
    Empty => "(empty)", "（空）";
    MoreKeys => "more keys", "个其他键";
    Client => "Client", "客户端";
    Operation => "Operation", "操作";
    OpPut => "put", "写入 put";
    OpGet => "get", "读取 get";
    OpDelete => "delete", "删除 delete";
    OpCas => "compare-and-set", "比较并设置 CAS";
    KeyName => "Key", "键";
    Value => "Value", "值";
    Expected => "Expected (empty: absent)", "期望值（留空：不存在）";
    SendTo => "Send to", "发送到";
    Send => "Send", "发送";
    History => "History", "请求历史";
    NoRequests => "No requests yet.", "还没有请求。";
    Outcome => "Outcome", "结果";
    Latency => "Latency", "延迟";
    SentAt => "Sent", "发送时间";
    RetryAt => "Retry at N{n}", "改发到 N{n}";
    Message => "Message", "消息";
    RoleLanes => "Roles over time", "角色随时间变化";
    RoleLanesHint => "One lane per node over the run's time: L leader, C candidate, F follower, × down; a tick and a number mark each new term.", "每个节点一条泳道，横轴是运行时间：L 领导者、C 候选者、F 跟随者、× 宕机；刻度和数字标出每个新任期。";
    Settings => "Settings: features and classic mistakes", "设置：可选特性与经典错误";
    SettingsHint => "Switching a feature or a mistake starts a fresh run with it.", "打开或关闭一个特性或错误会以新配置重新开始运行。";
    FeaturePreVote => "PreVote", "预投票（PreVote）";
    FeaturePreVoteWhy => "A node that times out first asks whether it could win, without raising its term: a partitioned node no longer returns with a huge term and deposes a healthy leader (thesis 9.6).", "超时的节点先询问自己能否赢得选举，且不增加任期：被分区的节点回来时不再带着很大的任期推翻健康的领导者（论文 9.6 节）。";
    FeatureCheckQuorum => "CheckQuorum", "法定人数检查（CheckQuorum）";
    FeatureCheckQuorumWhy => "A leader that has not heard from a majority for an election timeout steps down, and followers that heard from their leader that recently ignore vote requests.", "在一个选举超时内未收到多数派响应的领导者会主动下台；最近收到过领导者消息的跟随者会忽略投票请求。";
    WordPreCandidate => "pre-candidate", "预候选人";
    SnapshotNotCommitted => "node {node} holds a snapshot up to index {index} (term {term}) that is not what was committed there",
                            "节点 {node} 的快照（截至索引 {index}，任期 {term}）与该处已提交的内容不同";
    FeatureSingleServer => "Single-server membership changes", "单节点成员变更";
    FeatureSingleServerWhy => "Add or remove one voter per configuration entry (thesis 4.1) instead of joint consensus (C_old,new, then C_new).",
                              "每个配置条目只增删一个投票者（论文 4.1 节），而不是联合共识（先 C_old,new，再 C_new）。";
    FeatureSpares => "Start with two spare servers", "启动时留两台备用服务器";
    FeatureSparesWhy => "The last two servers start outside the configuration, waiting to be added as voters or learners.",
                        "最后两台服务器启动时不在配置中，等待被加入为投票者或学习者。";
    FeatureSnapshots => "Snapshot every 10 applied entries", "每应用 10 个条目做一次快照";
    FeatureSnapshotsWhy => "Log compaction (section 7): a follower that falls behind the snapshot is caught up with InstallSnapshot.",
                           "日志压缩（第 7 节）：落后于快照的跟随者通过 InstallSnapshot 追上。";
    Membership => "Membership and snapshots", "成员与快照";
    MembershipHint => "Changes are asked of the leader, which appends a configuration entry; it takes effect when appended. Snapshot asks that server to compact its log now.",
                      "成员变更请求发给领导者，由它追加一个配置条目；条目一追加就生效。“快照”让该服务器立即压缩日志。";
    ModeJoint => "joint consensus", "联合共识";
    ModeSingle => "single-server changes", "单节点变更";
    ConfigFrom => "configuration of node {node}, entry #{index}", "节点 {node} 的配置，条目 #{index}";
    ConfigInitial => "configuration of node {node}: the initial one", "节点 {node} 的配置：初始配置";
    ConfigPending => "not yet committed", "尚未提交";
    ConfigJoint => "joint: C_old,new in force", "联合状态：C_old,new 生效中";
    NoLeaderForChange => "No leader: membership changes wait for one.", "没有领导者：成员变更需要等待领导者。";
    AddVoter => "Add voter", "加为投票者";
    AddLearner => "Add learner", "加为学习者";
    Promote => "Promote", "提升为投票者";
    Remove => "Remove", "移除";
    SnapshotNow => "Snapshot", "快照";
    SnapshotAt => "snapshot ≤#{index} T{term}", "快照 ≤#{index} 任期{term}";
    NoSnapshot => "no snapshot", "无快照";
    WordVoter => "voter", "投票者";
    WordJoining => "joining", "加入中";
    WordLeaving => "leaving", "退出中";
    WordLearner => "learner", "学习者";
    WordOutside => "not a member", "非成员";
    WordSnapshot => "snapshot", "快照";
    WordInstallSnapshot => "install snapshot", "安装快照";
    WordConfig => "configuration", "配置";
    WordConfigRefused => "change refused", "变更被拒绝";
    NotLinearizable => "{op} returned {got}, but no order of the operations that respects their real times explains it: the longest valid order before it leaves {key} = {state} (last written by {writer})",
                       "{op} 返回了 {got}，但没有任何符合真实时间先后的操作顺序能解释它：在它之前最长的合法顺序使 {key} = {state}（最后由 {writer} 写入）";
    HistoryTitle => "Client history and linearizability", "客户端历史与线性一致性";
    HistoryHint => "Each operation is a bar from when it was sent to when its answer came. The history is linearizable if some order of the operations, each taking effect inside its bar, gives every answer; the checker (Wing and Gong, as in Porcupine) searches for one.",
                   "每个操作是一条从发出到收到应答的横条。如果存在一种顺序，让每个操作在自己的横条内生效并得到每个应答，历史就是线性一致的；检查器（Wing 与 Gong 的算法，同 Porcupine）会搜索这样的顺序。";
    VerdictEmpty => "No operations yet.", "还没有操作。";
    VerdictOk => "Linearizable: {n} operations checked.", "线性一致：已检查 {n} 个操作。";
    VerdictBroken => "Not linearizable.", "不是线性一致的。";
    VerdictUnknown => "Undecided: the search gave up on {n} operations.", "无法判定：对 {n} 个操作的搜索放弃了。";
    VerdictTooLong => "{n} operations: more than the page judges.", "{n} 个操作：超过页面检查的上限。";
    ReadTitle => "Read", "读";
    ReadKey => "key", "键";
    ReadVia => "via", "方式";
    ReadAt => "at node", "发往节点";
    ReadSend => "Read", "读取";
    PathLog => "log (get through the log)", "日志（经日志的 get）";
    PathReadIndex => "ReadIndex (leader confirms with a heartbeat round)", "ReadIndex（领导者先用一轮心跳确认）";
    PathLease => "lease (leader answers at once while its lease holds)", "租约（租约有效时领导者立即回答）";
    PathLocal => "local (any node answers from its own state: may be stale)", "本地（任意节点用自己的状态回答：可能过期）";
    ShortLog => "log", "日志";
    ShortReadIndex => "ReadIndex", "ReadIndex";
    ShortLease => "lease", "租约";
    ShortLocal => "local", "本地";
    TermWentBack => "node {node}'s term went from {from} back to {to}", "节点 {node} 的任期从 {from} 倒退到 {to}";
    CommitWentBack => "node {node}'s commit index went from {from} back to {to}", "节点 {node} 的提交索引从 {from} 倒退到 {to}";
    LeaderRemovedEntries => "leader {node} removed entries from index {index} of its own log in term {term}", "领导者 {node} 在任期 {term} 删除了自己日志中从索引 {index} 开始的条目";
    LogsDiffer => "node {node} has an entry at index {index} in term {term} but its log up to there differs from node {other}'s", "节点 {node} 在索引 {index} 有任期 {term} 的条目，但到此为止的日志与节点 {other} 的不同";
    TwoLeaders => "nodes {other} and {node} were both leader in term {term}", "节点 {other} 和 {node} 在任期 {term} 都是领导者";
    DifferentCommit => "node {node} committed a different entry at index {index} (term {term}) than was committed before (term {earlier})", "节点 {node} 在索引 {index} 提交了（任期 {term} 的）条目，与之前已提交的（任期 {earlier} 的）不同";
    AppliedWentBack => "node {node}'s last applied index went from {from} back to {to}", "节点 {node} 的已应用索引从 {from} 倒退到 {to}";
    AppliedBeyondCommit => "node {node} applied index {index} beyond its commit index {commit}", "节点 {node} 应用了索引 {index}，超过了它的提交索引 {commit}";
    DifferentApply => "node {node} applied a different command at index {index} than another server did", "节点 {node} 在索引 {index} 应用的命令与另一台服务器不同";
    LeaderLacksCommitted => "leader {node} of term {term} lacks the entry committed at index {index} (term {entry_term})", "任期 {term} 的领导者 {node} 缺少在索引 {index} 已提交的（任期 {entry_term} 的）条目";
    BugCommitOldTerm => "Commit an old term's entry by counting replicas", "按副本数提交旧任期的条目";
    BugCommitOldTermWhy => "A leader commits an entry of an earlier term once a majority stores it (Figure 8): a later leader can overwrite it.",
                          "领导者在多数派存有旧任期条目时就提交它（图 8）：之后的领导者可能覆盖它。";
    BugForgetVote => "Forget the vote on restart", "重启后忘记投票";
    BugForgetVoteWhy => "votedFor is not kept on disk, so a restarted node can vote twice in one term and elect two leaders.",
                        "votedFor 没有持久化，重启的节点可能在同一任期投两次票，选出两个领导者。";
    BugNoRandom => "No randomized election timeouts", "选举超时不随机化";
    BugNoRandomWhy => "Every node times out after the same delay, so candidates keep splitting the vote.",
                      "所有节点的超时时间相同，候选人会不断瓜分选票。";
    BugVoteNoLogCheck => "Vote without the log check", "投票时不检查日志";
    BugVoteNoLogCheckWhy => "Votes are granted without the up-to-date log check (section 5.4.1): a stale leader erases committed entries.",
                            "投票时不检查日志是否足够新（5.4.1 节）：落后的领导者会抹掉已提交的条目。";
    BugSkipCheck => "Skip the AppendEntries consistency check", "跳过 AppendEntries 一致性检查";
    BugSkipCheckWhy => "Followers accept entries without checking prevLogIndex and prevLogTerm, so logs diverge.",
                       "跟随者不检查 prevLogIndex 和 prevLogTerm 就接受条目，日志因此分叉。";
    BugConfigBeforeCommit => "Change membership before committing in the term", "本任期未提交即变更成员";
    BugConfigBeforeCommitWhy => "A new leader starts a single-server change before an entry of its own term has committed: an earlier change it never saw can give two leaders in one term.",
        "新领导者在本任期条目提交之前就开始单节点成员变更：与一次它不知道的变更叠加，同一任期可能出现两个领导者。";
    BugReadIndexNoHeartbeat => "ReadIndex without the heartbeat round", "ReadIndex 不做心跳确认";
    BugReadIndexNoHeartbeatWhy => "The leader answers a ReadIndex read without first confirming with a majority that it still leads: a deposed leader serves stale data.",
        "领导者回答 ReadIndex 读请求前不先向多数派确认自己仍是领导者：已被取代的旧领导者会返回过期数据。";
    BugPreCandidateKeepsLeader => "A pre-candidate keeps its leader", "预候选人不忘记领导者";
    BugPreCandidateKeepsLeaderWhy => "With PreVote and CheckQuorum, a pre-candidate still believes in its old leader and restarts its lease with its timer (etcd's raft once did): pre-candidates refuse each other and no leader is elected.",
        "开启 PreVote 和 CheckQuorum 时，预候选人仍相信旧领导者，并随选举定时器重新计算租约（etcd 的 raft 曾经如此）：预候选人互相拒绝，选不出领导者。";
    KeyKill => "kill the leader", "杀死领导者";
    KeyHeal => "heal all links", "修复所有链路";
    KeyClient => "send the client request", "发送客户端请求";
    WordFollower => "follower", "跟随者";
    WordCandidate => "candidate", "候选人";
    WordLeader => "leader", "领导者";
    WordDown => "down", "宕机";
    WordTerm => "term", "任期";
    WordVotes => "votes", "得票";
    WordRole => "role", "角色";
    WordVote => "vote", "投票";
    WordAppend => "append", "追加";
    WordTruncate => "truncate", "截断";
    WordCommit => "commit", "提交";
    WordApply => "apply", "应用";
    WordClientReply => "client reply", "客户端回复";
    WordOk => "ok", "成功";
    WordRedirected => "redirected", "重定向";
    WordNoLeader => "no leader", "没有领导者";
    WordLostLeadership => "lost leadership", "失去领导权";
    WordTimedOut => "timed out", "超时";
    WordPending => "pending", "等待中";
    WordState => "state", "状态";
    WordLife => "boots", "启动次数";
    WordLocalClock => "local clock", "本地时钟";
    WordCurrentTerm => "currentTerm", "currentTerm（当前任期）";
    WordVotedFor => "votedFor", "votedFor（投票给）";
    WordLogLength => "log length", "日志长度";
    WordLeaderId => "leader", "领导者";
    WordLastLogTerm => "last log term", "最后日志任期";
    WordCommitIndex => "commitIndex", "commitIndex（提交索引）";
    WordLastApplied => "lastApplied", "lastApplied（已应用索引）";
    WordNextIndex => "nextIndex", "nextIndex（下一个索引）";
    WordMatchIndex => "matchIndex", "matchIndex（匹配索引）";
    WordElectionTimeout => "election timeout", "选举超时";
    WordTimerLeft => "timer left", "定时器剩余";
    WordKvKeys => "keys", "键数";
    WordId => "id", "编号";
    WordFrom => "from", "发送方";
    WordTo => "to", "接收方";
    WordSentAt => "sent at", "发送于";
    WordArrivesAt => "arrives at", "到达于";
    WordDoomed => "will be lost", "将会丢失";
    WordBuffered => "buffered", "已缓存";
    WordKind => "kind", "类型";
    InvElectionSafety => "Election Safety", "选举安全";
    InvAppendOnly => "Leader Append-Only", "领导者只追加";
    InvLogMatching => "Log Matching", "日志匹配";
    InvLeaderCompleteness => "Leader Completeness", "领导者完整性";
    InvStateMachineSafety => "State Machine Safety", "状态机安全";
    InvTerms => "Terms Never Decrease", "任期不减";
    InvCommit => "Commit Index Never Decreases", "提交索引不减";
    InvApplied => "Applied In Order", "按序应用";
}

/// A bug toggle's short name and one-sentence explanation in `lang`.
pub fn bug_text(lang: Lang, bug: Bug) -> (&'static str, &'static str) {
    let (name, why) = match bug {
        Bug::CommitOldTermByCount => (Key::BugCommitOldTerm, Key::BugCommitOldTermWhy),
        Bug::ForgetVoteOnRestart => (Key::BugForgetVote, Key::BugForgetVoteWhy),
        Bug::NoTimeoutRandomization => (Key::BugNoRandom, Key::BugNoRandomWhy),
        Bug::VoteWithoutLogCheck => (Key::BugVoteNoLogCheck, Key::BugVoteNoLogCheckWhy),
        Bug::SkipConsistencyCheck => (Key::BugSkipCheck, Key::BugSkipCheckWhy),
        Bug::ConfigChangeBeforeTermCommit => (Key::BugConfigBeforeCommit, Key::BugConfigBeforeCommitWhy),
        Bug::ReadIndexWithoutHeartbeat => (Key::BugReadIndexNoHeartbeat, Key::BugReadIndexNoHeartbeatWhy),
        Bug::PreCandidateKeepsLeader => (Key::BugPreCandidateKeepsLeader, Key::BugPreCandidateKeepsLeaderWhy),
    };
    (t(lang, name), t(lang, why))
}

/// What to watch in a bug toggle's lesson, in `lang` (`None` for a toggle without one).
pub fn watch_text(lang: Lang, bug: Bug) -> &'static str {
    let key = match bug {
        Bug::CommitOldTermByCount => Key::WatchCommitOldTerm,
        Bug::ForgetVoteOnRestart => Key::WatchForgetVote,
        Bug::VoteWithoutLogCheck => Key::WatchVoteNoLogCheck,
        Bug::SkipConsistencyCheck => Key::WatchSkipCheck,
        Bug::ConfigChangeBeforeTermCommit => Key::WatchConfigBeforeCommit,
        Bug::NoTimeoutRandomization => Key::WatchNoRandomization,
        Bug::ReadIndexWithoutHeartbeat => Key::WatchReadIndexNoHeartbeat,
        Bug::PreCandidateKeepsLeader => Key::WatchPreCandidateKeepsLeader,
    };
    t(lang, key)
}

/// An invariant's name (or any Raft word) in `lang`.
pub fn invariant_name(lang: Lang, name: &'static str) -> &'static str {
    super::word(lang, name)
}

/// The page's sentence for each of the Raft checker's (a new sentence needs its translation here).
fn sentence(violation: RaftViolation) -> Key {
    match violation {
        RaftViolation::TermWentBack => Key::TermWentBack,
        RaftViolation::CommitWentBack => Key::CommitWentBack,
        RaftViolation::LeaderRemovedEntries => Key::LeaderRemovedEntries,
        RaftViolation::LogsDiffer => Key::LogsDiffer,
        RaftViolation::TwoLeaders => Key::TwoLeaders,
        RaftViolation::DifferentCommit => Key::DifferentCommit,
        RaftViolation::AppliedWentBack => Key::AppliedWentBack,
        RaftViolation::AppliedBeyondCommit => Key::AppliedBeyondCommit,
        RaftViolation::DifferentApply => Key::DifferentApply,
        RaftViolation::LeaderLacksCommitted => Key::LeaderLacksCommitted,
        RaftViolation::SnapshotNotCommitted => Key::SnapshotNotCommitted,
    }
}

/// A violation's sentence in `lang`, from its code and facts (the engine's English if the code is unknown).
pub fn violation_text(lang: Lang, violation: &crate::sim::Violation) -> String {
    let key = match (RaftViolation::from_code(violation.code), violation.code) {
        (Some(sentence_of), _) => sentence(sentence_of),
        (None, "not_linearizable") => Key::NotLinearizable,
        _ => return violation.explanation.clone(),
    };
    crate::sim::fill_facts(t(lang, key), &violation.facts)
}

/// A protocol feature's name and one sentence on what it prevents, in `lang`.
pub fn feature_text(lang: Lang, feature: crate::ui::raft_page::Feature) -> (&'static str, &'static str) {
    use crate::ui::raft_page::Feature;
    let (name, why) = match feature {
        Feature::PreVote => (Key::FeaturePreVote, Key::FeaturePreVoteWhy),
        Feature::CheckQuorum => (Key::FeatureCheckQuorum, Key::FeatureCheckQuorumWhy),
        Feature::SingleServer => (Key::FeatureSingleServer, Key::FeatureSingleServerWhy),
        Feature::Spares => (Key::FeatureSpares, Key::FeatureSparesWhy),
        Feature::Snapshots => (Key::FeatureSnapshots, Key::FeatureSnapshotsWhy),
    };
    (t(lang, name), t(lang, why))
}

/// A Raft trace event's name, a Raft note word or an invariant's name in `lang`, if it is one.
pub fn word(lang: Lang, word: &str) -> Option<&'static str> {
    let key = match word {
        "raft" => Key::RaftTitle,
        "follower" => Key::WordFollower,
        "candidate" => Key::WordCandidate,
        "pre_candidate" => Key::WordPreCandidate,
        "leader" => Key::WordLeader,
        "down" => Key::WordDown,
        "term" => Key::WordTerm,
        "votes" => Key::WordVotes,
        "role" => Key::WordRole,
        "vote" => Key::WordVote,
        "append" => Key::WordAppend,
        "truncate" => Key::WordTruncate,
        "commit" => Key::WordCommit,
        "apply" => Key::WordApply,
        "client_reply" => Key::WordClientReply,
        "ok" => Key::WordOk,
        "redirected" => Key::WordRedirected,
        "no_leader" => Key::WordNoLeader,
        "lost_leadership" => Key::WordLostLeadership,
        "timed_out" => Key::WordTimedOut,
        "pending" => Key::WordPending,
        "state" => Key::WordState,
        "life" => Key::WordLife,
        "local_clock" => Key::WordLocalClock,
        "current_term" => Key::WordCurrentTerm,
        "voted_for" => Key::WordVotedFor,
        "log_length" => Key::WordLogLength,
        "leader_id" => Key::WordLeaderId,
        "last_log_term" => Key::WordLastLogTerm,
        "commit_index" => Key::WordCommitIndex,
        "last_applied" => Key::WordLastApplied,
        "next_index" => Key::WordNextIndex,
        "match_index" => Key::WordMatchIndex,
        "election_timeout" => Key::WordElectionTimeout,
        "timer_left" => Key::WordTimerLeft,
        "kv_keys" => Key::WordKvKeys,
        "id" => Key::WordId,
        "from" => Key::WordFrom,
        "to" => Key::WordTo,
        "sent_at" => Key::WordSentAt,
        "arrives_at" => Key::WordArrivesAt,
        "doomed" => Key::WordDoomed,
        "buffered" => Key::WordBuffered,
        "kind" => Key::WordKind,
        "voter" => Key::WordVoter,
        "joining" => Key::WordJoining,
        "leaving" => Key::WordLeaving,
        "learner" => Key::WordLearner,
        "outside" => Key::WordOutside,
        "snapshot" => Key::WordSnapshot,
        "install_snapshot" => Key::WordInstallSnapshot,
        "config" => Key::WordConfig,
        "config_refused" => Key::WordConfigRefused,
        "Election Safety" => Key::InvElectionSafety,
        "Leader Append-Only" => Key::InvAppendOnly,
        "Log Matching" => Key::InvLogMatching,
        "Leader Completeness" => Key::InvLeaderCompleteness,
        "State Machine Safety" => Key::InvStateMachineSafety,
        "Terms Never Decrease" => Key::InvTerms,
        "Commit Index Never Decreases" => Key::InvCommit,
        "Applied In Order" => Key::InvApplied,
        _ => return None,
    };
    Some(t(lang, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_raft_word_and_invariant_is_translated() {
        let words = ["role", "vote", "append", "truncate", "commit", "apply", "client_reply", "term", "votes"];
        let words = words.iter().chain(&["snapshot", "install_snapshot", "config", "config_refused", "learner"]);
        for w in words.chain(crate::raft::INVARIANTS.iter()) {
            let zh = word(Lang::Zh, w).unwrap_or_else(|| panic!("{w} has no translation"));
            assert_ne!(zh, *w);
        }
        for bug in Bug::ALL {
            assert_ne!(bug_text(Lang::En, bug), bug_text(Lang::Zh, bug));
        }
    }

    #[test]
    fn every_violation_code_reads_in_both_languages_with_its_facts_filled() {
        let codes = RaftViolation::ALL.map(RaftViolation::code);
        for code in codes.into_iter().chain(["not_linearizable"]) {
            let facts: Vec<(&'static str, String)> =
                ["node", "other", "from", "to", "index", "term", "earlier", "commit", "entry_term", "op", "got", "key"]
                    .into_iter()
                    .chain(["state", "writer"])
                    .map(|name| (name, "7".to_string()))
                    .collect();
            let english =
                RaftViolation::from_code(code).map_or_else(|| crate::raft::history::english(code), |v| v.english());
            let v = crate::sim::Violation {
                invariant: "x",
                t: 0,
                nodes: vec![7],
                explanation: crate::sim::fill_facts(english, &facts),
                code,
                facts,
                trace_seq: 0,
            };
            let (en, zh) = (violation_text(Lang::En, &v), violation_text(Lang::Zh, &v));
            assert_eq!(en, v.explanation, "{code}: the page's English is the engine's");
            assert_ne!(zh, en, "{code}");
            assert!(!zh.contains('{') && !en.contains('{'), "{code}: every placeholder filled");
        }
    }
}
