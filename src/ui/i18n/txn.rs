//! The distributed transactions lab's strings, English and Simplified Chinese, and its vocabulary:
//! roles, transaction states, table titles, event names and note words of its view model, its
//! named scenarios, and its violation sentences by code.

use super::Lang;
use crate::lab::txn::scenarios::Named;

table! {
    Title => "Distributed transactions: TCC, Saga, 2PC and messages", "分布式事务：TCC、Saga、两阶段提交与消息";
    SubtitleMessages => "A cross-bank transfer moved by message: bank 1 debits A in its own local transaction, then a message (the local message table's relay, or RocketMQ's broker) makes bank 2 credit B: eventually consistent",
                        "通过消息完成的跨行转账：银行 1 在自己的本地事务中扣减 A，然后一条消息（本地消息表的中继，或 RocketMQ 的 Broker）让银行 2 给 B 入账：最终一致";
    LegendBroker => "RocketMQ broker (thick dashed green ring)", "RocketMQ Broker（绿色粗虚线环）";
    Subtitle => "A payment touches the order, account and stock services; the TX Manager runs Try on each, then Confirm on all or Cancel on all",
                "一次支付涉及订单、账户、库存三个服务；事务管理器 TX Manager 先调用每个服务的 Try，再对全部调用 Confirm 或全部调用 Cancel";
    Scaled => "Scaled for the lesson: a fixed 10 ms network hop in the named scenarios, a 500 ms Try timeout instead of DTM's 3 s, phase-2 retries from 200 ms doubling up to 3.2 s.",
              "为教学而缩放：命名场景中网络每跳固定 10 毫秒；Try 超时为 500 毫秒，而不是 DTM 的 3 秒；第二阶段重试从 200 毫秒起、每次加倍、最多 3.2 秒。";
    Scenario => "Scenario", "场景";
    Default => "Default: five payments under TCC with the barrier", "默认：TCC + 屏障下的五笔支付";
    Start => "Press Play (or Space) to watch each payment's Try, then Confirm on every service; then, under “Cause a failure”, crash the TX Manager or delay one Try, or pick a scenario above: it plays at once.",
             "按“播放”（或空格键），观察每笔支付先在各服务上 Try、再全部 Confirm；然后在“制造故障”下让事务管理器崩溃或延迟一个 Try，或在上方选择一个场景：它会立即开始播放。";
    Custom => "Custom (the switches below)", "自定义（下方开关）";
    Services => "Services and their local databases", "服务及其本地数据库";
    Available => "available", "可用";
    Frozen => "frozen", "冻结";
    Incoming => "incoming", "待入账";
    OrdersTable => "orders", "订单表";
    NoOrders => "no orders", "没有订单";
    NoRows => "no rows", "没有记录";
    NoTable => "no protection: no table, every call is applied as it comes", "无防护：没有表，每个调用来了就执行";
    Caught => "caught: {empty} empty rollbacks, {hanging} hangings, {dup} repeats skipped",
              "拦截：空回滚 {empty} 次，悬挂 {hanging} 次，跳过重复调用 {dup} 次";
    Manager => "TX Manager: the transaction log", "事务管理器 TX Manager：事务日志";
    ManagerDown => "down: the log is on disk, nothing moves until it restarts", "已宕机：日志在磁盘上，重启之前一切停滞";
    NoTxns => "No global transaction yet: play, or start a payment.", "还没有全局事务：播放，或发起一笔支付。";
    Gid => "id", "事务号";
    Client => "from", "发起方";
    TxState => "state", "状态";
    Outcome => "outcome", "结果";
    Took => "took", "耗时";
    OutcomeSucceeded => "success", "成功";
    OutcomeFailed => "failure", "失败";
    Apps => "Application", "应用方 Application";
    Remaining => "to start", "待发起";
    SentCol => "sent", "已发送";
    SucceededCol => "succeeded", "成功";
    FailedCol => "failed", "失败";
    Counters => "Counters", "计数器";
    Started => "Started", "已发起";
    Confirmed => "Confirmed", "已确认";
    Cancelled => "Cancelled", "已取消";
    InProgress => "In progress", "进行中";
    Retries => "Retries", "重试次数";
    EmptyCaught => "Empty rollbacks caught", "拦截的空回滚";
    HangingCaught => "Hangings caught", "拦截的悬挂";
    DupSkipped => "Repeats skipped (idempotent)", "跳过的重复调用（幂等）";
    DirtyReads => "Dirty reads (Saga)", "脏读（Saga）";
    Blocked => "Prepares blocked by a lock (XA)", "被锁阻塞的 PREPARE（XA）";
    SettleMean => "Time to settle (mean)", "完成耗时（平均）";
    SettleMax => "Time to settle (max)", "完成耗时（最长）";
    Faults => "Cause a failure", "制造故障";
    FaultsHint => "Each button is recorded in the scenario at the current time, so the run can be replayed and shared.",
                  "每个按钮都按当前时刻记录进场景，因此这次运行可以重放和分享。";
    Pay => "Start a payment", "发起一笔支付";
    PayTitle => "The first application node asks the TX Manager for a new global transaction now", "第一个应用节点现在向事务管理器请求一个新的全局事务";
    CrashManager => "Crash the TX Manager", "让事务管理器崩溃";
    CrashManagerTitle => "Kill the TX Manager now: before its decision is logged it will cancel on restart, after it will finish the phase 2 from its log",
                         "立即杀死事务管理器：若决定尚未写入日志，重启后它会取消；若已写入，重启后它会按日志完成第二阶段";
    RestartManager => "Restart the TX Manager", "重启事务管理器";
    RestartManagerTitle => "Boot the TX Manager again from its transaction log", "让事务管理器从事务日志重新启动";
    SlowNetwork => "Delay every message 2 s", "所有消息延迟 2 秒";
    SlowNetworkTitle => "Set the latency to 2 s, past the 500 ms Try timeout: Trys time out and their Cancels may overtake them",
                        "把延迟设为 2 秒，超过 500 毫秒的 Try 超时：Try 超时，它们的 Cancel 可能反超";
    FastNetwork => "Latency back to 10 ms", "延迟恢复为 10 毫秒";
    FastNetworkTitle => "Set the latency back to a fixed 10 ms", "把延迟恢复为固定 10 毫秒";
    DropReply => "Drop a reply in flight", "丢弃一条传输中的应答";
    DropReplyTitle => "Drop the first answer on its way to the TX Manager (a lost Try answer fails the transaction; a lost Confirm answer is retried)",
                      "丢弃第一条发往事务管理器的应答（丢失的 Try 应答使事务失败；丢失的 Confirm 应答会被重试）";
    NoReply => "no reply in flight", "没有传输中的应答";
    DelayTry => "Delay the {op} of #{gid} by 2 s", "将 #{gid} 的 {op} 延迟 2 秒";
    DelayTryTitle => "Hold exactly one first call in flight 2 s, past the 500 ms Try timeout: the TX Manager cancels, and the late call arrives after its Cancel (hanging, unless the barrier or the fence refuses it)",
                     "让恰好一个一阶段调用在网络中多停留 2 秒，超过 500 毫秒的 Try 超时：事务管理器发起 Cancel，迟到的调用在 Cancel 之后才到达（悬挂，除非屏障或 fence 拒绝它）";
    NoTry => "no {op} in flight", "没有传输中的 {op}";
    GlobalTxn => "Global transaction", "全局事务";
    EarlierRows => "and {n} earlier rows", "以及 {n} 条更早的记录";
    FollowTitle => "Click to follow this global transaction: its lane in the sequence diagram and its messages on the cluster stand out",
                   "点击以跟踪这个全局事务：它在时序图中的泳道和它在集群图上的消息会突出显示";
    Duplicate => "Duplicate every message", "复制每条消息";
    DuplicateTitle => "The network delivers every message twice (a retried or repeated Confirm or Cancel)", "网络把每条消息投递两次（重试或重复的 Confirm、Cancel）";
    NoDuplicate => "Stop duplicating", "停止复制";
    PauseService => "Pause {service}", "暂停{service}";
    ResumeService => "Resume {service}", "恢复{service}";
    PauseServiceTitle => "Freeze this service as a long GC pause would: calls wait for it", "像长时间 GC 那样冻结该服务：调用都在等它";
    IsolateService => "Partition {service}", "隔离{service}";
    IsolateServiceTitle => "Cut every link to and from this service", "切断该服务的所有进出链路";
    HealAll => "Heal the network", "修复网络";
    HealAllTitle => "Bring every link back up", "恢复所有链路";
    Switches => "Pattern and protection", "模式与防护";
    SwitchesHint => "Changing a switch starts a fresh run with it.", "改变任何开关都会以新配置重新开始运行。";
    Pattern => "Pattern", "模式";
    PatternWhy => "TCC freezes then confirms or cancels; Saga's steps are final at once and are compensated in reverse; 2PC holds row locks from prepare to commit; the local message table and RocketMQ's transactional messages debit locally and credit later by message.",
                  "TCC 先冻结再确认或取消；Saga 的每一步立即生效，失败时逆序补偿；两阶段提交从 PREPARE 到 COMMIT 一直持有行锁；本地消息表和 RocketMQ 事务消息先在本地扣款，再通过消息稍后入账。";
    PatternTcc => "TCC (Try/Confirm/Cancel)", "TCC（Try/Confirm/Cancel）";
    PatternSaga => "Saga (orchestrated)", "Saga（编排式）";
    PatternXa => "2PC (XA)", "两阶段提交（XA）";
    PatternLocalMessage => "Local message table (eBay BASE)", "本地消息表（eBay BASE）";
    PatternTxMessage => "Transactional messages (RocketMQ)", "事务消息（RocketMQ）";
    PatternMessageWhy => "The message patterns move the cross-bank transfer: bank 1 debits A in its own local transaction, and a message makes bank 2 credit B later (eventually consistent, nothing frozen).",
                         "消息类模式处理跨行转账：银行 1 在自己的本地事务中扣减 A，再由一条消息让银行 2 稍后给 B 入账（最终一致，不冻结任何资源）。";
    Idempotent => "Idempotent receiver", "幂等的接收方";
    RelayInterval => "Relay interval", "中继轮询间隔";
    RelayIntervalWhy => "How often bank 1's relay polls its message table for rows to send: a longer interval means a longer time to consistency.",
                        "银行 1 的中继多久轮询一次消息表、寻找要发送的记录：间隔越长，达到一致的时间越长。";
    RetryPolicy => "Monitor's retry policy", "监视器的重试策略";
    RetryPolicyWhy => "How long the monitor waits for an acknowledgement before sending a row again: always 200 ms, or 200 ms doubling up to 3.2 s (fewer resends while bank 2 is down).",
                      "监视器在重发一条记录之前等待确认多久：固定 200 毫秒，或从 200 毫秒起每次加倍、最多 3.2 秒（银行 2 宕机期间重发更少）。";
    RetryFixed => "Fixed", "固定间隔";
    RetryBackoff => "Exponential backoff", "指数退避";
    IdempotentWhy => "On, bank 2 writes each message's id in a processed-message table in the same local transaction as the credit, and skips a message it has seen; off, a message sent again (timed out, redelivered) is credited twice.",
                     "打开时，银行 2 在入账的同一个本地事务中把消息号写入已处理消息表，见过的消息直接跳过；关闭时，再次发送（超时重发、重新投递）的消息会入账两次。";
    Protection => "Branch protection", "分支防护";
    ProtectionNone => "None", "无";
    ProtectionNoneWhy => "Every call is applied as it comes: a Cancel without a Try releases money never frozen (empty rollback), a repeated Confirm is applied twice.",
                         "每个调用来了就执行：没有 Try 的 Cancel 会释放从未冻结的钱（空回滚），重复的 Confirm 会执行两次。";
    ProtectionRecord => "Status row", "状态记录";
    ProtectionRecordWhy => "A hand-written row per branch: Confirm and Cancel act only on a tried branch (idempotent, no empty rollback), but a Try arriving after its Cancel still freezes (hanging).",
                           "每个分支一条手写的状态记录：Confirm 和 Cancel 只对已 Try 的分支生效（幂等、无空回滚），但在 Cancel 之后到达的 Try 仍会冻结（悬挂）。";
    ProtectionBarrier => "DTM sub-transaction barrier", "DTM 子事务屏障";
    ProtectionBarrierWhy => "A (gid, branch, op) key inserted in the same local transaction: a repeat finds its key (idempotent), a Cancel inserts the Try key first (empty rollback caught, a late Try refused: no hanging).",
                            "在同一个本地事务中插入 (gid, 分支, 操作) 键：重复调用发现键已存在（幂等）；Cancel 先插入 Try 的键（拦截空回滚，拒绝迟到的 Try：防悬挂）。";
    ProtectionFence => "Seata TCC fence", "Seata TCC 防悬挂表（fence）";
    ProtectionFenceWhy => "A fence log row per branch (tried, committed, rolled back, suspended): a Cancel with no row writes suspended, which refuses the late Try.",
                          "每个分支一条 fence 记录（已尝试、已提交、已回滚、已挂起）：没有记录的 Cancel 写入“已挂起”，从而拒绝迟到的 Try。";
    ParallelTry => "Trys in parallel", "并行调用 Try";
    ParallelTryWhy => "On, every Try is sent at once; off, one after another (slower, but a failure stops the rest).",
                      "打开时同时发出所有 Try；关闭时逐个调用（更慢，但一个失败就不再调用后面的）。";
    Workload => "Business", "业务";
    WorkloadWhy => "The course's payment (order, account, stock) or a cross-bank transfer (A at bank 1 pays B at bank 2).",
                   "课程中的支付（订单、账户、库存），或跨行转账（银行 1 的 A 转给银行 2 的 B）。";
    WorkloadPayment => "Payment", "支付";
    WorkloadTransfer => "Cross-bank transfer", "跨行转账";
    LegendManager => "TX Manager (thick ring)", "事务管理器（粗环）";
    LegendService => "service with its local database (dashed ring)", "带本地数据库的服务（虚线环）";
    LegendApp => "application (thin ring)", "应用方（细环）";
    LegendPaused => "paused node", "已暂停的节点";
    LegendFlagged => "named by a broken invariant", "被违反的不变量点名";
    LegendFrozenBar => "frozen part of a holding", "被冻结的部分";
    KeyCrash => "crash or restart node 0 (the TX Manager, or the broker)", "让节点 0（事务管理器或 Broker）崩溃或重启";
    KeyPay => "start a payment", "发起一笔支付";
    KeyAdvance => "run 0.5 s", "运行 0.5 秒";
    InvMoney => "Money Conserved", "资金守恒";
    InvStock => "Stock Conserved", "库存守恒";
    InvOnce => "Applied Once", "只生效一次";
    InvAllOrNothing => "All Or Nothing", "全部或全不";
    InvOrders => "Orders Match", "订单一致";
    InvLiveness => "Liveness", "活性";
    VAppliedTwice => "the {service} service applied {op} of transaction {gid} a second time", "{service}服务第二次执行了事务 {gid} 的 {op}";
    VOutOfOrder => "the {service} service applied {op} of transaction {gid} after its branch was {state}", "{service}服务在分支已{state}之后执行了事务 {gid} 的 {op}";
    VNegative => "the {service} service holds {available} available and {frozen} frozen: below zero", "{service}服务可用 {available}、冻结 {frozen}：低于零";
    VTotalChanged => "{what} totals {total} but {initial} went in: {diff} created out of nothing or lost", "{what}合计 {total}，但初始为 {initial}：凭空多出或丢失了 {diff}";
    VReleasedUnfrozen => "the {service} service released {diff} that no transaction had frozen: created out of nothing (empty rollback)",
                         "{service}服务释放了没有任何事务冻结过的 {diff}：凭空多出（空回滚）";
    VFrozenLost => "the {service} service holds {frozen} frozen but its transactions in progress froze {expected}", "{service}服务冻结了 {frozen}，但进行中的事务只冻结了 {expected}";
    VLeftFrozen => "transaction {gid} is over but left {amount} frozen at the {service} service: frozen forever (hanging)",
                   "事务 {gid} 已结束，却在{service}服务留下 {amount} 冻结：永远冻结（悬挂）";
    VLeftPending => "transaction {gid} is over but left its order pending at the {service} service forever", "事务 {gid} 已结束，却在{service}服务留下一张永远待定的订单";
    VPartial => "transaction {gid} took effect at the {done} service but not at the {missing} service", "事务 {gid} 在{done}服务生效了，在{missing}服务却没有";
    VOrderMismatch => "order {gid} is {order} but the account branch is {account} and the stock branch {stock}", "订单 {gid} 为{order}，但账户分支为{account}、库存分支为{stock}";
    VNotSettled => "{unfinished} transactions still unfinished {within} s after everything was repaired at {healed} s", "{healed} 秒修复一切之后又过了 {within} 秒，仍有 {unfinished} 个事务未完成";
    WTxManager => "TX Manager", "事务管理器";
    WOrderService => "order service", "订单服务";
    WAccountService => "account service", "账户服务";
    WStockService => "stock service", "库存服务";
    WBank1 => "bank 1", "银行 1";
    WBank2 => "bank 2", "银行 2";
    WApplication => "application", "应用方";
    WTrying => "trying", "尝试中";
    WConfirming => "confirming", "确认中";
    WCancelling => "cancelling", "取消中";
    WDone => "done", "已完成";
    WNoProtection => "no protection", "无防护";
    WStatusTable => "status rows", "状态记录表";
    WBarrierTable => "barrier table", "屏障表";
    WFenceLog => "fence log", "fence 表";
    WXaBranches => "XA branches", "XA 分支";
    WBegun => "begun", "开始";
    WDecidedConfirm => "decided: confirm", "决定：确认";
    WDecidedCancel => "decided: cancel", "决定：取消";
    WSucceeded => "succeeded", "成功";
    WFailed => "failed", "失败";
    WRetried => "retried", "重试";
    WApplied => "applied", "已执行";
    WRefusedCall => "refused", "已拒绝";
    WSkipped => "skipped (repeat)", "已跳过（重复）";
    WEmptyRollbackCaught => "empty rollback caught", "拦截空回滚";
    WHangingCaught => "hanging caught", "拦截悬挂";
    WDirtyRead => "dirty read", "脏读";
    WRecovered => "recovered from the log", "从日志恢复";
    WInProgress => "in progress", "进行中";
    WEnded => "ended", "已结束";
    WAvailable => "available", "可用";
    WFrozen => "frozen", "冻结";
    WOrders => "orders", "订单数";
    WOrder => "order", "订单";
    WLedger => "ledger entries", "流水条数";
    WRemaining => "to start", "待发起";
    WSent => "sent", "已发送";
    WRetries => "retries", "重试次数";
    WPending => "pending", "待定";
    WCreated => "created", "已创建";
    WCancelled => "cancelled", "已取消";
    WTried => "tried", "已尝试";
    WCommitted => "committed", "已提交";
    WRolledBack => "rolled back", "已回滚";
    WSuspended => "suspended", "已挂起";
    WPrepared => "prepared (locked)", "已准备（持锁）";
    WAccount => "account", "账户";
    WStock => "stock", "库存";
    WNeverTried => "never tried", "从未尝试";
    WFinal => "final", "最终";
    WUndone => "undone", "已撤销";
    WMissing => "missing", "不存在";
    WMoney => "money (available + frozen + in flight)", "资金（可用 + 冻结 + 在途）";
    WStockTotal => "stock (available + reserved + sold)", "库存（可用 + 预留 + 已售）";
    NHappyPath => "The happy path", "正常流程";
    DHappyPath => "The TX Manager logs each payment, calls Try on the order, account and stock services, and once all three froze their resource, calls Confirm on all three.",
                  "事务管理器记录每笔支付，调用订单、账户、库存服务的 Try；三者都冻结资源后，对三者调用 Confirm。";
    NFailedTry => "A failed Try is cancelled", "Try 失败后取消";
    DFailedTry => "One Try fails (the account has too little money), so the TX Manager calls Cancel on every branch and the frozen stock and pending order are released.",
                  "一个 Try 失败（账户余额不足），事务管理器对所有分支调用 Cancel，冻结的库存和待定订单被释放。";
    NEmptyRollback => "Empty rollback, no protection", "空回滚（无防护）";
    DEmptyRollback => "A lost Try times out and the Cancel reaches a branch that never froze anything: without protection it releases money that was never frozen (empty rollback).",
                      "一个 Try 丢失并超时，Cancel 到达一个从未冻结任何东西的分支：没有防护时，它释放了从未冻结的钱（空回滚）。";
    NEmptyRollbackBarrier => "Empty rollback, with the barrier", "空回滚（有屏障）";
    DEmptyRollbackBarrier => "With DTM's sub-transaction barrier the Cancel first inserts the Try key, finds that the Try never ran, and does nothing.",
                             "有了 DTM 的子事务屏障，Cancel 先插入 Try 的键，发现 Try 从未执行，于是什么也不做。";
    NHanging => "Hanging, status row only", "悬挂（只有状态记录）";
    DHanging => "Trys delayed past their timeout arrive after their Cancels; a status row alone stops the empty rollback but lets the late Try freeze money no one will ever release (hanging).",
                "延迟超过超时的 Try 在它们的 Cancel 之后才到达；仅靠状态记录能挡住空回滚，却让迟到的 Try 冻结了永远没人释放的钱（悬挂）。";
    NHangingBarrier => "Hanging, with the barrier", "悬挂（有屏障）";
    DHangingBarrier => "With the barrier, the Cancel left a Try key behind, so the late Try is refused and nothing stays frozen.",
                       "有屏障时，Cancel 留下了 Try 的键，迟到的 Try 被拒绝，没有任何东西一直冻结。";
    NHangingFence => "Hanging, with the fence", "悬挂（有 fence）";
    DHangingFence => "With Seata's TCC fence, the Cancel marks the branch suspended, so the late Try is refused and nothing stays frozen.",
                     "有了 Seata 的 TCC fence，Cancel 把分支标记为已挂起，迟到的 Try 被拒绝，没有任何东西一直冻结。";
    NDuplicateConfirm => "Duplicated Confirm, not idempotent", "重复的 Confirm（非幂等）";
    DDuplicateConfirm => "The network delivers every Confirm twice; a branch that is not idempotent applies it twice.",
                         "网络把每个 Confirm 投递两次；非幂等的分支执行了两次。";
    NDuplicateConfirmIdempotent => "Duplicated Confirm, idempotent", "重复的 Confirm（幂等）";
    DDuplicateConfirmIdempotent => "With the barrier, the second Confirm finds its key already inserted and is answered without effect: Confirm and Cancel must be idempotent.",
                                   "有屏障时，第二个 Confirm 发现它的键已存在，直接应答而不生效：Confirm 和 Cancel 必须幂等。";
    NManagerCrashPhaseTwo => "TX Manager crashes mid-phase-2", "事务管理器在第二阶段中途崩溃";
    DManagerCrashPhaseTwo => "The TX Manager dies after logging its decision and sending the Confirms; back from its transaction log, it sends them again and the branches skip the repeats.",
                             "事务管理器在记录决定并发出 Confirm 后宕机；它从事务日志恢复后再次发送，各分支跳过重复的调用。";
    NManagerCrashBeforeDecision => "TX Manager crashes before logging its decision", "事务管理器在记录决定前崩溃";
    DManagerCrashBeforeDecision => "The TX Manager dies after every Try succeeded but before logging a decision; back, it finds the transaction still trying and cancels it.",
                                   "所有 Try 都成功后、记录决定之前，事务管理器宕机；恢复后它发现事务仍在尝试中，于是取消它。";
    NSagaCompensation => "Saga compensation", "Saga 补偿";
    DSagaCompensation => "Saga runs its forward steps in order and each is final at once; when the stock step fails, the account and order steps are compensated in reverse order.",
                         "Saga 按顺序执行正向步骤，每一步立即生效；库存步骤失败时，账户和订单步骤按相反顺序被补偿。";
    NSagaDirtyRead => "Saga dirty read", "Saga 脏读";
    DSagaDirtyRead => "Saga has no isolation: a second payment sees the balance debited by a step that is later compensated, and fails for money it would have had (a dirty read).",
                      "Saga 没有隔离性：第二笔支付看到了被一个后来被补偿的步骤扣减后的余额，因为本来够用的钱而失败（脏读）。";
    NCompensationBeforeAction => "Compensation before its action", "补偿先于正向步骤";
    DCompensationBeforeAction => "A forward step delayed past a manager crash arrives after its compensation; with a status row only, it creates an order nobody paid for.",
                                 "一个因事务管理器崩溃而延迟的正向步骤在它的补偿之后到达；只有状态记录时，它创建了一张没人付款的订单。";
    NCompensationBeforeActionBarrier => "Compensation before its action, with the barrier", "补偿先于正向步骤（有屏障）";
    DCompensationBeforeActionBarrier => "With the barrier, the compensation left the forward step's key behind, so the late step is refused.",
                                        "有屏障时，补偿留下了正向步骤的键，迟到的步骤被拒绝。";
    NXaBlocked => "2PC blocked by a crashed coordinator", "两阶段提交：协调者崩溃导致阻塞";
    DXaBlocked => "In two-phase commit, prepared participants hold their locks; the coordinator dies after the prepares and every row stays locked until it returns: why business-level patterns exist.",
                  "两阶段提交中，已准备的参与者持有锁；协调者在 PREPARE 之后宕机，所有行一直被锁住直到它回来：这正是业务层模式存在的原因。";
    NLocalMessageHappyPath => "Local message table: the happy path", "本地消息表：正常流程";
    DLocalMessageHappyPath => "Bank 1 debits A and writes a message row in one local transaction; its relay, polling every 100 ms, sends the row, bank 2 credits B and acknowledges, and the row is marked done: nothing frozen, consistent a poll later.",
                              "银行 1 在一个本地事务中扣减 A 并写入一条消息记录；它的中继每 100 毫秒轮询一次，发出这条记录，银行 2 给 B 入账并确认，记录被标记为完成：不冻结任何东西，一次轮询之后达到一致。";
    NLocalMessageResend => "Local message table: timed out, sent again, not idempotent", "本地消息表：超时重发（非幂等）";
    DLocalMessageResend => "Bank 2's acknowledgements are lost, so the request looks timed out rather than done; the monitor sends the row again and a receiver without a processed-message table credits B twice.",
                           "银行 2 的确认丢失了，于是这次请求看起来是超时而不是完成；监视器再次发送这条记录，没有已处理消息表的接收方给 B 入账两次。";
    NLocalMessageResendIdempotent => "Local message table: sent again, idempotent receiver", "本地消息表：重发（幂等的接收方）";
    DLocalMessageResendIdempotent => "With the processed-message table, written in the same local transaction as the credit, bank 2 recognises the resent row, skips it and acknowledges: the receiver must be idempotent.",
                                     "有了已处理消息表（与入账在同一个本地事务中写入），银行 2 认出重发的记录，跳过并确认：接收方必须幂等。";
    NTxMessageHappyPath => "Transactional messages: the happy path", "事务消息：正常流程";
    DTxMessageHappyPath => "Bank 1 sends a half message that the broker stores but does not deliver, debits A in its local transaction, and sends COMMIT_MESSAGE; only then does the broker deliver the message and bank 2 credit B.",
                           "银行 1 发送一条半事务消息，Broker 存储但不投递；银行 1 在本地事务中扣减 A，再发送 COMMIT_MESSAGE；此后 Broker 才投递消息，银行 2 给 B 入账。";
    NTxMessageRollback => "Transactional messages: rollback", "事务消息：回滚";
    DTxMessageRollback => "A has too little money, so the local transaction fails and bank 1 answers ROLLBACK_MESSAGE: the broker discards the half message and bank 2 never hears of it.",
                          "A 的余额不足，本地事务失败，银行 1 回复 ROLLBACK_MESSAGE：Broker 丢弃半事务消息，银行 2 根本不会收到它。";
    NProducerCrashAfterCommit => "Producer crashes after its local commit", "生产者在本地提交后崩溃";
    DProducerCrashAfterCommit => "Bank 1 commits its local transaction but dies before its COMMIT_MESSAGE reaches the broker; after transactionTimeout (scaled to 1 s) the broker checks back, the restarted producer finds its record and commits.",
                                 "银行 1 提交了本地事务，但在 COMMIT_MESSAGE 到达 Broker 之前宕机；经过 transactionTimeout（缩放为 1 秒）后 Broker 发起回查，重启后的生产者查到自己的记录并提交。";
    NProducerCrashBeforeCommit => "Producer crashes before its local commit", "生产者在本地提交前崩溃";
    DProducerCrashBeforeCommit => "Bank 1 dies after the half message is stored but before its local transaction; the check-back finds no record and no send in progress, so the answer is ROLLBACK_MESSAGE and nothing is delivered.",
                                  "半事务消息已存储、本地事务尚未执行时银行 1 宕机；回查时既没有记录也没有进行中的发送，于是回复 ROLLBACK_MESSAGE，什么也不投递。";
    NCommitLost => "Commit lost in the network", "Commit 在网络中丢失";
    DCommitLost => "The network loses bank 1's COMMIT_MESSAGE; the half message stays undeliverable until the broker's check-back asks and the producer answers COMMIT_MESSAGE from its record.",
                   "网络丢失了银行 1 的 COMMIT_MESSAGE；半事务消息一直不可投递，直到 Broker 回查、生产者根据自己的记录回复 COMMIT_MESSAGE。";
    NConsumerRetry => "Consumer fails and is redelivered, not idempotent", "消费失败后重新投递（非幂等）";
    DConsumerRetry => "Bank 2's listener fails after its credit committed, answering RECONSUME_LATER; the broker delivers the message again and a consumer that is not idempotent credits B twice.",
                      "银行 2 的监听器在入账提交之后失败，回复 RECONSUME_LATER；Broker 再次投递这条消息，非幂等的消费者给 B 入账两次。";
    NConsumerRetryIdempotent => "Consumer fails and is redelivered, idempotent", "消费失败后重新投递（幂等）";
    DConsumerRetryIdempotent => "With an idempotent consumer the redelivered message finds its id in the processed table and is skipped: at-least-once delivery needs an idempotent consumer.",
                                "幂等的消费者在已处理表中找到重新投递的消息号，直接跳过：至少一次投递需要幂等的消费者。";
    NChecksExhausted => "Check-backs exhausted", "回查次数耗尽";
    DChecksExhausted => "Bank 1 commits but is cut off from the broker until transactionCheckMax (scaled to 3) check-backs go unanswered; the broker discards the half message and A's debit never reaches B.",
                        "银行 1 已提交，却与 Broker 断开，直到 transactionCheckMax（缩放为 3 次）次回查都没有应答；Broker 丢弃半事务消息，A 扣掉的钱永远到不了 B。";
    ScaledMessages => "Scaled for the lesson: RocketMQ's transactionTimeout 6 s, transactionCheckInterval 60 s and transactionCheckMax 15 become 1 s, 0.5 s and 3 in the named scenarios (the first consumer retry 200 ms instead of 10 s); the switches keep RocketMQ's defaults.",
                       "为教学而缩放：命名场景中 RocketMQ 的 transactionTimeout 6 秒、transactionCheckInterval 60 秒、transactionCheckMax 15 次分别改为 1 秒、0.5 秒、3 次（消费重试首次 200 毫秒而不是 10 秒）；开关启动的运行保留 RocketMQ 的默认值。";
    VDiscardedCommitted => "transaction {gid} debited {amount} at bank 1 but the broker discarded its half message after {checks} check-backs: bank 2 is never credited",
                           "事务 {gid} 在银行 1 扣减了 {amount}，但 Broker 在 {checks} 次回查之后丢弃了它的半事务消息：银行 2 永远不会入账";
    VDeadLetter => "message {gid} went to the dead-letter queue after {times} redeliveries: bank 1 was debited {amount}, bank 2 never credited",
                   "消息 {gid} 在重新投递 {times} 次后进入死信队列：银行 1 扣减了 {amount}，银行 2 从未入账";
    WBroker => "RocketMQ broker", "RocketMQ Broker";
    WIdle => "no coordinator (unused)", "无协调者（未使用）";
    WProducer => "producer", "生产者";
    WConsumer => "consumer", "消费者";
    WLocalCommitted => "local transaction committed", "本地事务已提交";
    WLocalRolledBack => "local transaction rolled back", "本地事务已回滚";
    WResent => "sent again by the monitor", "监视器重发";
    WAcked => "acknowledged", "已确认";
    WHalfStored => "half message stored", "半事务消息已存储";
    WEndTransaction => "second confirmation", "二次确认";
    WCheckedBack => "check-back", "回查";
    WDiscarded => "discarded", "已丢弃";
    WRedelivered => "redelivered", "重新投递";
    WDeadLettered => "dead-lettered", "进入死信队列";
    WConsumed => "consumed", "已消费";
    WConsumeFailed => "listener failed (RECONSUME_LATER)", "监听器失败（RECONSUME_LATER）";
    WOutbox => "local message table", "本地消息表";
    WTxRecords => "local transaction records", "本地事务记录";
    WProcessed => "processed messages", "已处理消息表";
    WNoProcessed => "no processed-message table: every delivery is applied", "没有已处理消息表：每次投递都会执行";
    WHalf => "half (not deliverable)", "半消息（不可投递）";
    WDeadLetter => "dead letter", "死信";
    WMessages => "messages", "消息数";
    WHalfCount => "half messages", "半消息数";
    WChecks => "checks", "回查次数";
    RelayTitle => "Bank 1's local message table, its relay and its monitor", "银行 1 的本地消息表、中继与监视器";
    RelayParams => "The relay polls the table every {relay} ms and sends rows it has not sent; the monitor looks every {monitor} ms and sends again a row left unacknowledged.",
                   "中继每 {relay} 毫秒轮询一次消息表，发送尚未发送的记录；监视器每 {monitor} 毫秒检查一次，重发迟迟未被确认的记录。";
    BrokerTitle => "RocketMQ broker: half messages and deliveries", "RocketMQ Broker：半事务消息与投递";
    BrokerParams => "A half message older than transactionTimeout {timeout} ms is checked back at the next scan (every transactionCheckInterval {interval} ms), at most transactionCheckMax {max} times, then discarded.",
                    "半事务消息存在超过 transactionTimeout {timeout} 毫秒后，在下一次扫描（每 transactionCheckInterval {interval} 毫秒一次）时回查，最多 transactionCheckMax {max} 次，之后丢弃。";
    BrokerDown => "down: its store is on disk; half messages wait until it restarts", "已宕机：存储在磁盘上；半事务消息等它重启";
    NoMessages => "No message yet: play, or start a transfer.", "还没有消息：播放，或发起一笔转账。";
    Amount => "amount", "金额";
    ChecksCol => "check-backs", "回查";
    ReconsumeCol => "redeliveries", "重新投递";
    SendsCol => "sends", "发送次数";
    Consistency => "Time to consistency (mean)", "达到一致的时间（平均）";
    ConsistencyMax => "Time to consistency (max)", "达到一致的时间（最长）";
    NotConsistent => "Not yet consistent", "尚未一致";
    CheckBacks => "Check-backs", "回查次数";
    Redelivered => "Sent again / redelivered", "重发 / 重新投递";
    DiscardedCount => "Discarded or dead-lettered", "丢弃或进入死信";
    CrashNode => "Crash: {node}", "让{node}崩溃";
    RestartNode => "Restart: {node}", "重启{node}";
    CrashNodeTitle => "Kill this node now (what it wrote to disk survives); press again to restart it", "立即杀死该节点（写入磁盘的内容保留）；再按一次重启它";
    FailConsume => "Bank 2's listener fails once", "银行 2 的监听器失败一次";
    FailConsumeTitle => "The next delivery throws at the end of bank 2's listener, after its local transaction: RECONSUME_LATER (or no acknowledgement to the relay), so the message comes again",
                        "下一次投递时，银行 2 的监听器在本地事务之后抛出异常：回复 RECONSUME_LATER（或不向中继确认），于是消息会再来一次";
    Compare => "Compare the patterns", "比较各模式";
    CompareHint => "The same workload (six transfers of 100 from two application nodes) under the same faults (bank 1 crashes for 1.5 s, 20 % of messages duplicated for 2 s), once with each pattern's protection and once without; the same seed for every run. A request duplicated by the network begins a second transfer under every pattern; one sent to the crashed bank 1 is lost under the message patterns, which have no coordinator to retry it.",
                   "同样的负载（两个应用节点发起六笔 100 的转账），同样的故障（银行 1 崩溃 1.5 秒，2 秒内 20% 的消息被复制），每种模式各运行一次有防护、一次无防护；所有运行使用同一个种子。被网络复制的请求在每种模式下都会发起第二笔转账；发往已崩溃的银行 1 的请求在消息类模式下会丢失，因为没有协调者去重试它。";
    CompareRun => "Run the comparison", "运行比较";
    ComparePattern => "pattern", "模式";
    CompareCompleted => "transfers completed / begun", "完成 / 发起的转账";
    CompareMessages => "messages per transfer", "每笔转账的消息数";
    CompareConsistency => "time to consistency (mean / max)", "达到一致的时间（平均 / 最长）";
    CompareHeld => "resources held (peak)", "占用的资源（峰值）";
    CompareHeldValue => "{frozen} frozen, {waiting} waiting", "冻结 {frozen}，等待中 {waiting}";
    CompareProtected => "lost with protection", "有防护时丢失";
    CompareUnprotected => "lost without", "无防护时丢失";
    CompareNothing => "nothing", "无";
    NCrossBankTransfer => "Cross-bank transfer", "跨行转账";
    DCrossBankTransfer => "A transfer of 100 from A at bank 1 to B at bank 2 under TCC: money is frozen at bank 1 and incoming at bank 2 until the Confirms make it final.",
                          "在 TCC 下从银行 1 的 A 向银行 2 的 B 转账 100：在 Confirm 使其最终生效之前，钱在银行 1 冻结、在银行 2 待入账。";
}

/// A named scenario's title and one sentence on what it teaches, in `lang`.
pub fn scenario_text(lang: Lang, named: Named) -> (&'static str, &'static str) {
    let (name, what) = match named {
        Named::HappyPath => (Key::NHappyPath, Key::DHappyPath),
        Named::FailedTry => (Key::NFailedTry, Key::DFailedTry),
        Named::EmptyRollback => (Key::NEmptyRollback, Key::DEmptyRollback),
        Named::EmptyRollbackBarrier => (Key::NEmptyRollbackBarrier, Key::DEmptyRollbackBarrier),
        Named::Hanging => (Key::NHanging, Key::DHanging),
        Named::HangingBarrier => (Key::NHangingBarrier, Key::DHangingBarrier),
        Named::HangingFence => (Key::NHangingFence, Key::DHangingFence),
        Named::DuplicateConfirm => (Key::NDuplicateConfirm, Key::DDuplicateConfirm),
        Named::DuplicateConfirmIdempotent => (Key::NDuplicateConfirmIdempotent, Key::DDuplicateConfirmIdempotent),
        Named::ManagerCrashPhaseTwo => (Key::NManagerCrashPhaseTwo, Key::DManagerCrashPhaseTwo),
        Named::ManagerCrashBeforeDecision => (Key::NManagerCrashBeforeDecision, Key::DManagerCrashBeforeDecision),
        Named::SagaCompensation => (Key::NSagaCompensation, Key::DSagaCompensation),
        Named::SagaDirtyRead => (Key::NSagaDirtyRead, Key::DSagaDirtyRead),
        Named::CompensationBeforeAction => (Key::NCompensationBeforeAction, Key::DCompensationBeforeAction),
        Named::CompensationBeforeActionBarrier => {
            (Key::NCompensationBeforeActionBarrier, Key::DCompensationBeforeActionBarrier)
        }
        Named::XaBlocked => (Key::NXaBlocked, Key::DXaBlocked),
        Named::CrossBankTransfer => (Key::NCrossBankTransfer, Key::DCrossBankTransfer),
        Named::LocalMessageHappyPath => (Key::NLocalMessageHappyPath, Key::DLocalMessageHappyPath),
        Named::LocalMessageResend => (Key::NLocalMessageResend, Key::DLocalMessageResend),
        Named::LocalMessageResendIdempotent => (Key::NLocalMessageResendIdempotent, Key::DLocalMessageResendIdempotent),
        Named::TxMessageHappyPath => (Key::NTxMessageHappyPath, Key::DTxMessageHappyPath),
        Named::TxMessageRollback => (Key::NTxMessageRollback, Key::DTxMessageRollback),
        Named::ProducerCrashAfterCommit => (Key::NProducerCrashAfterCommit, Key::DProducerCrashAfterCommit),
        Named::ProducerCrashBeforeCommit => (Key::NProducerCrashBeforeCommit, Key::DProducerCrashBeforeCommit),
        Named::CommitLost => (Key::NCommitLost, Key::DCommitLost),
        Named::ConsumerRetry => (Key::NConsumerRetry, Key::DConsumerRetry),
        Named::ConsumerRetryIdempotent => (Key::NConsumerRetryIdempotent, Key::DConsumerRetryIdempotent),
        Named::ChecksExhausted => (Key::NChecksExhausted, Key::DChecksExhausted),
    };
    (t(lang, name), t(lang, what))
}

/// A violation's sentence in `lang`, from its code and facts (the facts' words translated too);
/// the engine's English if the code is unknown.
pub fn violation_text(lang: Lang, violation: &crate::sim::Violation) -> String {
    let key = match violation.code {
        "applied_twice" => Key::VAppliedTwice,
        "out_of_order" => Key::VOutOfOrder,
        "negative" => Key::VNegative,
        "total_changed" => Key::VTotalChanged,
        "released_unfrozen" => Key::VReleasedUnfrozen,
        "frozen_lost" => Key::VFrozenLost,
        "left_frozen" => Key::VLeftFrozen,
        "left_pending" => Key::VLeftPending,
        "partial" => Key::VPartial,
        "order_mismatch" => Key::VOrderMismatch,
        "not_settled" => Key::VNotSettled,
        "discarded_committed" => Key::VDiscardedCommitted,
        "dead_letter" => Key::VDeadLetter,
        _ => return violation.explanation.clone(),
    };
    let facts: Vec<(&'static str, String)> = violation
        .facts
        .iter()
        .map(|(name, value)| (*name, fact_word(lang, value).map_or_else(|| value.clone(), str::to_string)))
        .collect();
    crate::sim::fill_facts(t(lang, key), &facts)
}

/// A word the checker writes into a violation's facts (a service, a branch's state, an order's
/// status, what is conserved), in `lang`; numbers and op names (Try, Confirm) stay as they are.
fn fact_word(lang: Lang, value: &str) -> Option<&'static str> {
    if lang == Lang::En {
        return None;
    }
    let key = match value {
        "order" => Key::WOrder,
        "account" => Key::WAccount,
        "stock" => Key::WStock,
        "bank 1" => Key::WBank1,
        "bank 2" => Key::WBank2,
        "never tried" => Key::WNeverTried,
        "frozen" => Key::WFrozen,
        "final" => Key::WFinal,
        "undone" => Key::WUndone,
        "missing" => Key::WMissing,
        "pending" => Key::WPending,
        "created" => Key::WCreated,
        "cancelled" => Key::WCancelled,
        "money (available + frozen + in flight)" => Key::WMoney,
        "stock (available + reserved + sold)" => Key::WStockTotal,
        _ => return None,
    };
    Some(t(lang, key))
}

/// A transactions-lab word (role, transaction state, table title, event name, note word,
/// invariant, row value) in `lang`, if it is one.
pub fn word(lang: Lang, word: &str) -> Option<&'static str> {
    let key = match word {
        "tx_manager" => Key::WTxManager,
        "order_service" => Key::WOrderService,
        "account_service" => Key::WAccountService,
        "stock_service" => Key::WStockService,
        "bank_1" => Key::WBank1,
        "bank_2" => Key::WBank2,
        "application" => Key::WApplication,
        "trying" => Key::WTrying,
        "confirming" => Key::WConfirming,
        "cancelling" => Key::WCancelling,
        "done" => Key::WDone,
        "no_protection" => Key::WNoProtection,
        "status_table" => Key::WStatusTable,
        "barrier_table" => Key::WBarrierTable,
        "fence_log" => Key::WFenceLog,
        "xa_branches" => Key::WXaBranches,
        "begun" => Key::WBegun,
        "decided_confirm" => Key::WDecidedConfirm,
        "decided_cancel" => Key::WDecidedCancel,
        "succeeded" => Key::WSucceeded,
        "failed" => Key::WFailed,
        "retried" => Key::WRetried,
        "applied" => Key::WApplied,
        "refused_call" => Key::WRefusedCall,
        "skipped" => Key::WSkipped,
        "empty_rollback_caught" => Key::WEmptyRollbackCaught,
        "hanging_caught" => Key::WHangingCaught,
        "dirty_read" => Key::WDirtyRead,
        "recovered" => Key::WRecovered,
        "in_progress" => Key::WInProgress,
        "ended" => Key::WEnded,
        "available" => Key::WAvailable,
        "frozen" => Key::WFrozen,
        "orders" => Key::WOrders,
        "order" => Key::WOrder,
        "ledger" => Key::WLedger,
        "remaining" => Key::WRemaining,
        "sent" => Key::WSent,
        "retries" => Key::WRetries,
        "pending" => Key::WPending,
        "created" => Key::WCreated,
        "cancelled" => Key::WCancelled,
        "tried" => Key::WTried,
        "committed" => Key::WCommitted,
        "rolled_back" => Key::WRolledBack,
        "suspended" => Key::WSuspended,
        "prepared" => Key::WPrepared,
        "Money Conserved" => Key::InvMoney,
        "Stock Conserved" => Key::InvStock,
        "Applied Once" => Key::InvOnce,
        "All Or Nothing" => Key::InvAllOrNothing,
        "Orders Match" => Key::InvOrders,
        "Liveness" => Key::InvLiveness,
        "broker" => Key::WBroker,
        "no_coordinator" => Key::WIdle,
        "producer" => Key::WProducer,
        "consumer" => Key::WConsumer,
        "local_committed" => Key::WLocalCommitted,
        "local_rolled_back" => Key::WLocalRolledBack,
        "resent" => Key::WResent,
        "acked" => Key::WAcked,
        "half_stored" => Key::WHalfStored,
        "end_transaction" => Key::WEndTransaction,
        "checked_back" => Key::WCheckedBack,
        "discarded" => Key::WDiscarded,
        "redelivered" => Key::WRedelivered,
        "dead_lettered" => Key::WDeadLettered,
        "consumed" => Key::WConsumed,
        "consume_failed" => Key::WConsumeFailed,
        "outbox" => Key::WOutbox,
        "tx_records" => Key::WTxRecords,
        "processed" => Key::WProcessed,
        "no_processed" => Key::WNoProcessed,
        "half" => Key::WHalf,
        "dead_letter" => Key::WDeadLetter,
        "messages" => Key::WMessages,
        "half_messages" => Key::WHalfCount,
        "checks" => Key::WChecks,
        _ => return None,
    };
    Some(t(lang, key))
}

/// A transactions-lab word in `lang`, before the other labs' meaning of the same word (the
/// shell's table answers for any other word).
pub fn txn_word(lang: Lang, w: &'static str) -> &'static str {
    word(lang, w).unwrap_or_else(|| super::word(lang, w))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::txn::scenarios::{Named, Outcome};
    use crate::lab::txn::view::{GuardTable, Role, TxState};
    use crate::txn::checker::{english, INVARIANTS, LIVENESS};
    use crate::txn::db::{FenceState, OrderStatus, Service, XaState};
    use crate::txn::TxnConfig;
    use crate::ui::i18n;

    fn translated(w: &'static str) {
        let zh = i18n::word(Lang::Zh, w);
        assert_ne!(zh, w, "{w} has no Chinese word");
        assert!(!zh.is_empty(), "{w}");
        assert_ne!(txn_word(Lang::Zh, w), w, "{w}");
    }

    #[test]
    fn every_word_of_the_view_model_has_a_chinese_translation() {
        let config = TxnConfig::default();
        let transfer = TxnConfig { workload: crate::txn::Workload::Transfer, ..TxnConfig::default() };
        for id in 0..5 {
            translated(Role::of(&config, id).name());
            translated(Role::of(&transfer, id).name());
        }
        for service in [Service::Order, Service::Account, Service::Stock, Service::Bank1, Service::Bank2] {
            translated(Role::Service(service).name());
        }
        for state in [TxState::Trying, TxState::Confirming, TxState::Cancelling, TxState::Done] {
            translated(state.name());
        }
        let tables =
            [GuardTable::None, GuardTable::StatusRows(vec![]), GuardTable::Barrier(vec![]), GuardTable::Fence(vec![])];
        for table in tables.iter().chain([GuardTable::Xa(vec![])].iter()) {
            translated(table.name());
        }
        for status in [OrderStatus::Pending, OrderStatus::Created, OrderStatus::Cancelled] {
            translated(status.name());
        }
        for state in [FenceState::Tried, FenceState::Committed, FenceState::RolledBack, FenceState::Suspended] {
            translated(state.name());
        }
        for state in [XaState::Prepared, XaState::Ended] {
            translated(state.name());
        }
        for name in INVARIANTS.iter().chain([LIVENESS].iter()) {
            translated(name);
        }
        translated(Role::Broker.name());
        translated(Role::NoCoordinator.name());
        let message_tables = [
            GuardTable::Outbox(vec![]),
            GuardTable::TxRecords(vec![]),
            GuardTable::Processed(vec![]),
            GuardTable::NoProcessed,
        ];
        for table in message_tables {
            translated(table.name());
        }
        use crate::txn::broker::MessageState;
        let states = [
            MessageState::Half,
            MessageState::Committed,
            MessageState::Consumed,
            MessageState::RolledBack,
            MessageState::Discarded,
            MessageState::DeadLetter,
        ];
        for state in states {
            translated(state.name());
        }
        for status in [crate::txn::db::OutboxStatus::Pending, crate::txn::db::OutboxStatus::Acked] {
            translated(status.name());
        }
        let listed = [
            "begun",
            "decided_confirm",
            "decided_cancel",
            "succeeded",
            "failed",
            "retried",
            "applied",
            "refused_call",
            "skipped",
            "empty_rollback_caught",
            "hanging_caught",
            "dirty_read",
            "recovered",
            "in_progress",
            "ended",
            "available",
            "frozen",
            "orders",
            "order",
            "ledger",
            "remaining",
            "sent",
        ];
        for w in listed {
            translated(w);
        }
    }

    #[test]
    fn every_event_and_inspector_word_of_every_named_scenario_is_translated() {
        use crate::lab::txn::view::{describe_event, inspect::node_rows, view};
        for named in Named::ALL {
            let mut run = crate::lab::txn::timeline(named.scenario(), 2000);
            run.seek(crate::sim::secs(2));
            let v = view(&run, 2000);
            for line in &v.log {
                translated(line.event);
            }
            for node in &v.cluster.nodes {
                translated(node.role);
                for note in &node.lines {
                    translated(note.word);
                }
            }
            for node in 0..run.world().node_count() {
                for note in node_rows(run.world(), node) {
                    assert_ne!(i18n::word(Lang::Zh, note.word), note.word, "{named:?} node {node}: {}", note.word);
                    if let Some(value) = note.value_word {
                        translated(value);
                    }
                }
            }
            let _ = describe_event;
        }
    }

    #[test]
    fn every_scenario_reads_in_both_languages() {
        for named in Named::ALL {
            let (en, zh) = (scenario_text(Lang::En, named), scenario_text(Lang::Zh, named));
            assert_eq!(en.1, named.description(), "{named:?}: the English sentence is the lab's");
            assert_ne!(en.0, zh.0);
            assert_ne!(en.1, zh.1);
        }
    }

    #[test]
    fn every_violation_code_reads_in_both_languages() {
        let facts = vec![
            ("service", "account".to_string()),
            ("op", "Confirm".to_string()),
            ("gid", "0".to_string()),
            ("state", "undone".to_string()),
            ("available", "900".to_string()),
            ("frozen", "100".to_string()),
            ("what", "money (available + frozen + in flight)".to_string()),
            ("total", "1100".to_string()),
            ("initial", "1000".to_string()),
            ("diff", "100".to_string()),
            ("expected", "0".to_string()),
            ("amount", "100".to_string()),
            ("done", "order".to_string()),
            ("missing", "stock".to_string()),
            ("order", "created".to_string()),
            ("account", "undone".to_string()),
            ("stock", "never tried".to_string()),
            ("unfinished", "2".to_string()),
            ("within", "30".to_string()),
            ("healed", "5.000".to_string()),
            ("checks", "3".to_string()),
            ("times", "16".to_string()),
        ];
        let codes = [
            "applied_twice",
            "out_of_order",
            "negative",
            "total_changed",
            "released_unfrozen",
            "frozen_lost",
            "left_frozen",
            "left_pending",
            "partial",
            "order_mismatch",
            "not_settled",
            "discarded_committed",
            "dead_letter",
        ];
        for code in codes {
            let v = crate::sim::Violation {
                invariant: INVARIANTS[0],
                t: 0,
                nodes: vec![],
                explanation: crate::sim::fill_facts(english(code), &facts),
                code,
                facts: facts.clone(),
                trace_seq: 0,
            };
            let (en, zh) = (violation_text(Lang::En, &v), violation_text(Lang::Zh, &v));
            assert!(en.starts_with(&v.explanation[..v.explanation.len().min(12)]), "{code}: {en}");
            assert_ne!(zh, en, "{code}");
            assert!(!zh.contains('{'), "{code}: {zh}");
        }
        for named in Named::ALL {
            if let Outcome::Breaks { code, .. } = named.outcome() {
                assert!(codes.contains(&code), "{named:?}: {code}");
            }
        }
    }
}
