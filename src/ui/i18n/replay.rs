//! Strings of the lab switch, presentation mode, scrubbing, sharing, import and export, and the sequence diagram.

table! {
    ReplayTitle => "Replay and share", "回放与分享";
    LabsLabel => "Labs", "实验";
    TabNetwork => "Unreliable network", "不可靠的网络";
    TabRaft => "Raft", "Raft";
    TabLocks => "Locks", "分布式锁";
    TabIds => "IDs", "分布式 ID";
    TabTxn => "Transactions", "分布式事务";
    TabConfig => "CAP and config center", "CAP 与配置中心";
    Presentation => "Presentation", "演示模式";
    PresentationTitle => "Large type and high contrast, for projectors", "大字号、高对比度，适合投影";
    ScrubLabel => "Scrub through the run (← → move 100 ms, with Shift 1 s)", "拖动浏览整个运行（← → 移动 100 毫秒，按住 Shift 移动 1 秒）";
    Furthest => "furthest", "最远";
    ForkNotice => "Forked at {at}: the run after it, which went on to {until}, was discarded (later actions dropped: {n}).",
                  "已在 {at} 分叉：此后的运行（原本持续到 {until}）已被丢弃（丢弃的后续操作：{n} 个）。";
    Share => "Share", "分享";
    ShareTitle => "Put this run in the address bar and copy the link", "把本次运行放进地址栏并复制链接";
    ShareLink => "Link to this run", "本次运行的链接";
    Copied => "Copied to the clipboard.", "已复制到剪贴板。";
    CopyByHand => "Copy the link above to share it.", "复制上面的链接即可分享。";
    ExportScenario => "Export scenario", "导出场景";
    ExportScenarioTitle => "Save the seed, the configuration and every action as JSON", "把种子、配置和所有操作保存为 JSON";
    ImportScenario => "Import scenario", "导入场景";
    ImportScenarioTitle => "Open a scenario JSON file and replay it", "打开场景 JSON 文件并重放";
    ExportTrace => "Export trace", "导出轨迹";
    ExportTraceTitle => "Replay the scenario to now and save every event as NDJSON", "把场景重放到当前时刻，并把所有事件保存为 NDJSON";
    Fingerprint => "Run fingerprint", "运行指纹";
    FingerprintTitle => "A hash of every event so far: equal runs have equal fingerprints", "迄今所有事件的哈希：相同的运行有相同的指纹";
    Landing => "Replaying to {target}: {percent} %", "正在重放到 {target}：{percent}%";
    LandingLesson => "Finding where the failure happens (up to {target}): {percent} %", "正在查找故障发生的位置（最多到 {target}）：{percent}%";
    LandingLabel => "Replay progress", "重放进度";
    LandingCancel => "Stop here", "停在这里";
    BadLink => "This link cannot be opened, so the default run is shown: {why}", "无法打开此链接，因此显示默认运行：{why}";
    BadFile => "This file cannot be imported; the run is unchanged: {why}", "无法导入此文件，当前运行未改变：{why}";
    NotBase64 => "the code has characters a share code never has (the link was mangled or mistyped)", "代码含有分享码中不会出现的字符（链接已损坏或输错）";
    Truncated => "the code stops before its scenario ends (the link was cut short: copy all of it)", "代码在场景结束前就断了（链接被截断：请完整复制）";
    NotDeflate => "the code is not a distlab share code (random or foreign text)", "代码不是 distlab 的分享码（随机或外来的文本）";
    TooLarge => "the code unpacks to more than 1 MB", "代码解压后超过 1 MB";
    NotText => "the code does not unpack to text", "代码解压后不是文本";
    BadScenario => "invalid scenario: {why}", "场景无效：{why}";
    SequenceTitle => "Messages over time", "消息时序图";
    SequenceLabel => "Sequence diagram: one lifeline per node, time going down; each arrow is a message, a cross marks a drop",
                     "时序图：每个节点一条生命线，时间向下推进；每个箭头是一条消息，叉号表示丢弃";
    SequenceEmpty => "No messages yet: step or play.", "还没有消息：请单步或播放。";
    LabelsLeftOut => "{n} labels left out where arrows crowd: point at an arrow for its name.", "箭头密集处省略了 {n} 个标签：把指针移到箭头上可看名称。";
    ArrowTitle => "{kind} #{id} {from} → {to}", "{kind} #{id} {from} → {to}";
}
