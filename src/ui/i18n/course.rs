//! The course's strings: the panel's own (a [`Key`] table), and every lesson's texts by id
//! ([`text`]): `lesson.ID` the title, `section.ID` a section, `STEP` what to do, `STEP.done` what
//! happened, `STEP.cK` a question's choices.

use super::Lang;

table! {
    Course => "Course", "课程";
    CourseTitle => "Guided lessons through the lecture", "跟随讲义的引导课程";
    Contents => "Contents", "目录";
    ContentsIntro => "Each lesson runs on a lab: every step says what to do, notices when you did it, and explains what happened.", "每一课都在一个实验上进行：每一步告诉你做什么，发现你做到了，再解释发生了什么。";
    StepOf => "Step {i} of {n}", "第 {i} 步，共 {n} 步";
    Back => "Back", "上一步";
    Next => "Next", "下一步";
    Skip => "Skip", "跳过";
    Restart => "Restart", "重新开始";
    Close => "Close the lesson", "关闭课程";
    CloseContents => "Close the contents", "关闭目录";
    Waiting => "Waiting for you to do it in the lab…", "等待你在实验中完成这一步……";
    Done => "Done.", "完成。";
    Wrong => "Not this one: look at the run again.", "不是这个：再看看刚才的运行。";
    Finished => "Lesson complete.", "本课完成。";
    Loads => "This step loads its own run.", "这一步会载入自己的运行。";
    Elsewhere => "This lesson runs on the page \"{lab}\".", "本课在「{lab}」页面上进行。";
    ReturnTo => "Back to the lesson's page", "回到本课的页面";
}

/// A lesson's text by id, in `lang` (`None`: no such text).
pub fn text(lang: Lang, id: &str) -> Option<&'static str> {
    TEXTS.iter().find(|(key, _, _)| *key == id).map(|&(_, en, zh)| if lang == Lang::Zh { zh } else { en })
}

/// Every lesson text: id, English, Chinese.
pub const TEXTS: &[(&str, &str, &str)] = &[
    // Sections, in the lecture's order.
    ("section.basics", "What a distributed system is; the unreliable network", "前置知识：什么是分布式系统，不可靠的网络"),
    ("section.theory", "CAP and BASE", "分布式理论：CAP 与 BASE"),
    ("section.ids", "Distributed IDs", "分布式 ID"),
    ("section.locks", "Distributed locks", "分布式锁"),
    ("section.transactions", "Distributed transactions", "分布式事务"),
    ("section.raft", "Consensus: Raft", "一致性共识算法：Raft"),
    ("section.config", "Configuration centers", "配置中心"),
    ("section.homework", "Homework and the four Raft questions", "作业与四道 Raft 思考题"),
    // The fallacies and the unreliable network.
    ("lesson.fallacies", "The fallacies of distributed computing", "分布式计算的谬论"),
    ("fal-watch", "Independent services cooperate only over the network. Press play and watch the nodes send heartbeats: each one suspects a peer it has not heard from for a second.", "独立的服务之间只通过网络通信与协调。按下播放，观察各节点互发心跳：一秒内没有收到某个节点的消息，就怀疑它出了问题。"),
    ("fal-watch.done", "Every node only knows what messages tell it. With a perfect network no one is suspected: the fallacies begin when the network stops being perfect.", "每个节点只知道消息告诉它的事情。网络完美时没有节点被怀疑；谬论正是从网络不再完美开始的。"),
    ("fal-latency", "\"Latency is zero\" is a fallacy: in the network controls, raise Latency max to its top, 500 ms.", "「延迟为 0」是谬论：在网络控制中把最大延迟调到最大值 500 ms。"),
    ("fal-latency.done", "Heartbeats now arrive 10 to 500 ms after they are sent, so the gaps between them stretch and vary. Only the timeout (1 s here) tells a slow node from a dead one, and a timeout short enough to notice a crash quickly also suspects a node that is merely slow.", "现在每个心跳在发送后 10 到 500 ms 才到达，心跳之间的间隔被拉长且不再均匀。区分「慢」和「死」的只有超时（这里是 1 秒）；而足够短、能及时发现宕机的超时，也会去怀疑一个只是变慢的节点。"),
    ("fal-loss", "\"The network is reliable\" is a fallacy: set some Loss.", "「网络是可靠的」是谬论：设置一定的丢包率。"),
    ("fal-loss.done", "Lost heartbeats leave gaps; a few in a row and the detector suspects a node that never stopped. Protocols must resend, and must tolerate duplicates when they do.", "丢失的心跳留下空档，连续丢几个，检测器就会怀疑一个从未停止的节点。协议必须重传，并且要能容忍重传带来的重复。"),
    ("fal-reorder", "Messages can also arrive out of order: set some Reordering.", "消息还可能乱序到达：设置一定的乱序率。"),
    ("fal-reorder.done", "Arrival order is not send order, and every node's clock is its own: there is no global clock to sort events by. That is why a global clock is hard to define.", "到达顺序不等于发送顺序，而每个节点的时钟各自为政：没有一个全局时钟可以给事件排序，这就是全局时钟难以定义的原因。"),
    ("fal-cut", "Cut one direction of a link: click a link line (each direction is its own).", "切断一条链路的一个方向：点击一条链路（每个方向单独切断）。"),
    ("fal-cut.done", "One node stops hearing the other while the other still hears it: a partition need not even be symmetric.", "一个节点听不到对方了，而对方仍能听到它：网络分区甚至不一定是对称的。"),
    ("fal-q", "A node stops hearing from a peer. Can it tell whether the peer crashed, is slow, or the link is cut?", "一个节点收不到某个节点的消息了。它能分辨对方是宕机了、变慢了，还是链路断了吗？"),
    ("fal-q.c0", "Yes: a crashed node stops sending, a slow one sends late.", "能：宕机的节点不再发送，慢的节点只是发得晚。"),
    ("fal-q.c1", "No: all three are the same silence; a timeout can only suspect.", "不能：三种情况都是同样的沉默，超时只能「怀疑」。"),
    ("fal-q.c2", "Yes, by asking the peer directly.", "能，直接去问对方就行。"),
    ("fal-q.done", "All three look like silence, and asking needs the very network that fails. Every protocol in this course decides under that uncertainty.", "三种情况看起来都是沉默，而「去问」本身就要依赖出问题的网络。本课程里的每一个协议都是在这种不确定中做决定的。"),
    // CAP and BASE.
    ("lesson.cap", "CAP and BASE", "CAP 与 BASE"),
    ("cap-cp", "A configuration center in CP mode (Nacos on Raft). Since 20 s server 0 and client 3 are cut off from the others. Press play: at 40 s client 3 publishes through server 0 and client 4 through the majority; the partition heals at 70 s.", "CP 模式的配置中心（Nacos 的 Raft 模式）。从 20 秒起，服务器 0 和客户端 3 与其余节点断开。按下播放：40 秒时客户端 3 通过服务器 0 发布配置，客户端 4 通过多数派发布；70 秒时分区恢复。"),
    ("cap-cp.done", "The minority side refused client 3's write and its linearizable read: it cannot reach a Raft majority, so it gives up availability. The majority went on committing, and after the heal server 0 caught up from the leader's log. No client ever saw an old value: consistency kept, availability lost.", "少数派一侧拒绝了客户端 3 的写入和线性一致读：它联系不到 Raft 的多数派，于是放弃了可用性。多数派照常提交，分区恢复后服务器 0 从 Leader 的日志追上。没有客户端读到过旧值：保住了一致性，牺牲了可用性。"),
    ("cap-ap", "The same partition and the same requests with the servers in AP mode (Nacos's Distro protocol). Press play.", "同样的分区、同样的请求，这次服务器运行在 AP 模式（Nacos 的 Distro 协议）。按下播放。"),
    ("cap-ap.done", "Both sides accepted writes: server 0 took client 3's, the majority took the others', and client 3 read a value the majority had already replaced. After the heal the servers compared checksums, repaired what differed, and every copy holds the highest version again.", "两侧都接受了写入：服务器 0 接受了客户端 3 的写，多数派接受了其余的写，客户端 3 读到的是多数派早已替换掉的旧值。分区恢复后，服务器互相比对校验和、修复差异，所有副本重新持有最高版本。"),
    ("cap-q", "During the partition, server 0 in AP mode took a write and answered a read from its own copy at once. What did it choose?", "分区期间，AP 模式下的服务器 0 接受了写入，并立即用自己的副本回答读请求。它选择了什么？"),
    ("cap-q.c0", "CP: consistency over availability.", "CP：一致性优先于可用性。"),
    ("cap-q.c1", "CA: no partition tolerance.", "CA：不要分区容错性。"),
    ("cap-q.c2", "AP: availability over consistency.", "AP：可用性优先于一致性。"),
    ("cap-q.done", "It answered without knowing whether the other side changed the data: available, possibly stale. In CP mode the same server refused, as Raft's minority must. P is a given; the choice is between C and A.", "它在不知道另一侧是否改了数据的情况下作答：可用，但可能是旧数据。CP 模式下同一台服务器选择了拒绝，Raft 的少数派只能如此。P 是必须保证的，只能在 C 与 A 之间取舍。"),
    ("cap-skew", "AP again, but server 0's clock runs 10 s ahead. During the partition (from 5 s) client 3 wrote through server 0 at 20 s, and client 4 through the others a second later; the partition heals at 40 s. Press play and watch which write survives.", "还是 AP 模式，但服务器 0 的时钟快了 10 秒。分区期间（从 5 秒起），客户端 3 在 20 秒时通过服务器 0 写入，客户端 4 在一秒后通过其余服务器写入；40 秒时分区恢复。按下播放，看哪个写入留了下来。"),
    ("cap-skew.done", "Both writes had version 1, so last-writer-wins compared the servers' clocks: server 0's fast clock made the earlier write look later, and client 4's acknowledged write was lost. Eventual consistency says the copies will agree, not that they agree on the right value.", "两个写入的版本号都是 1，于是按「最后写入者胜出」比较服务器时钟：服务器 0 的快时钟让更早的写入看起来更晚，客户端 4 已被确认的写入丢失了。最终一致性只保证副本最终相同，不保证它们相同在正确的值上。"),
    ("base-q", "After the heal the AP servers exchanged what they missed and ended up equal. Which letter of BASE is that?", "分区恢复后，AP 模式的服务器互相补齐错过的数据，最终变得一致。这是 BASE 中的哪一个？"),
    ("base-q.c0", "E: eventually consistent.", "E：最终一致性。"),
    ("base-q.c1", "BA: basically available.", "BA：基本可用。"),
    ("base-q.c2", "S: soft state.", "S：软状态。"),
    ("base-q.done", "Eventual consistency: after some time of synchronisation every replica agrees. The time in between is the soft state, and serving during it is basic availability.", "最终一致性：经过一段时间的同步，所有副本达到一致。这中间的状态就是软状态，而在此期间继续提供服务就是基本可用。"),
    // Distributed IDs.
    ("lesson.ids", "Snowflake and the clock going back", "雪花算法与时钟回拨"),
    ("ids-rollback", "Snowflake IDs are 1 | 41 bits of milliseconds | 10 bits of machine | 12 bits of sequence. This run steps a server's clock back 10 ms with no check: press play.", "雪花 ID 由 1 位标识 | 41 位毫秒时间戳 | 10 位机器号 | 12 位序列号组成。这次运行把一台服务器的时钟回拨 10 ms，且不做任何检查：按下播放。"),
    ("ids-rollback.done", "The clock went back into milliseconds already used, and the sequence restarted from 0: the same ID was issued twice. Unique IDs is broken.", "时钟回到了已经用过的毫秒，序列号又从 0 开始：同一个 ID 被生成了两次，「ID 唯一」被破坏。"),
    ("ids-refused", "The same rollback under Twitter's check (refuse while the clock is behind the last timestamp): press play.", "同样的时钟回拨，这次带 Twitter 的检查（时钟落后于上次时间戳时拒绝生成）：按下播放。"),
    ("ids-refused.done", "Requests fail for the 10 ms the clock is behind, and no ID repeats: availability traded for uniqueness.", "时钟落后的 10 ms 内请求失败，但没有重复的 ID：用可用性换来了唯一性。"),
    ("ids-q", "IDs from Redis INCR, persisted by RDB snapshots; Redis crashes and restarts from its last snapshot. Play it: what happens?", "用 Redis INCR 生成 ID，使用 RDB 持久化；Redis 宕机后从上一次快照恢复。播放看看：会发生什么？"),
    ("ids-q.c0", "Nothing: INCR is atomic.", "没有问题：INCR 是原子的。"),
    ("ids-q.c1", "IDs issued after the snapshot are issued again.", "快照之后发出的 ID 会被再次发出。"),
    ("ids-q.c2", "The counter jumps ahead and leaves gaps only.", "计数器只会向前跳，留下空洞。"),
    ("ids-q.done", "The increments after the last snapshot were lost with the crash, so the counter went back and issued them again: Unique IDs breaks. An AOF fsynced before every reply avoids it (fsynced every second it can still lose the last second), at the cost of a long recovery.", "最后一次快照之后的自增随宕机丢失，计数器回退并再次发出了这些 ID：「ID 唯一」被破坏。每次回复前都 fsync 的 AOF 可以避免（每秒 fsync 仍可能丢失最后一秒），代价是恢复时间过长。"),
    // Distributed locks.
    ("lesson.locks", "Locks: expiry, the watchdog, Redlock, the herd", "分布式锁：过期、看门狗、红锁、惊群"),
    ("lk-ttl", "SET NX PX with a 300 ms lease and a 1 s critical section, no watchdog: press play and watch the resource.", "SET NX PX，租期 300 ms，临界区 1 s，没有看门狗：按下播放，观察共享资源。"),
    ("lk-ttl.done", "The lease ran out while the holder was still working, another client took the lock, and two were in the critical section at once: the expiry problem.", "持有者还没执行完，锁就过期了，另一个客户端拿到了锁，临界区同时有两个客户端：这就是过期问题。"),
    ("lk-watchdog", "The same with Redisson's watchdog renewing the lease every third of it: press play.", "同样的场景，加上 Redisson 的看门狗，每过三分之一租期续约一次：按下播放。"),
    ("lk-watchdog.done", "The lease is renewed while the holder works, so nobody else enters; if the holder dies, renewals stop and the lease still frees the lock.", "持有者工作期间租约不断续期，别人进不来；持有者一旦宕机，续约停止，租约依然会释放锁。"),
    ("lk-redlock", "Redlock over five independent instances; one instance of the holder's majority restarts without persistence: press play.", "在五个独立实例上使用红锁；持有者多数派中的一个实例在没有持久化的情况下重启：按下播放。"),
    ("lk-redlock.done", "The restarted instance forgot the lock, so a second client gathered its own majority: two holders. This is the lecture's Redlock problem.", "重启的实例忘记了这把锁，第二个客户端凑齐了自己的多数派：出现两个持有者。这就是讲义里的红锁问题。"),
    ("lk-delayed", "The lecture's fix: the instance stays down until every lock it knew has expired, then restarts. Press play.", "讲义里的解决方案：节点宕机后不要立即重启，等到锁都过期了再重启。按下播放。"),
    ("lk-delayed.done", "By the time it returns the old lease has expired everywhere, so no second majority can form while the first holder is valid.", "等它回来时，旧的租约在所有实例上都已过期，在第一个持有者有效期内不可能凑出第二个多数派。"),
    ("lk-herd", "Six ZooKeeper clients each watch the whole /locks directory. Play a little and count the notifications per release. What does the real recipe watch?", "六个 ZooKeeper 客户端都监听整个 /locks 目录。播放一会儿，数一数每次释放产生的通知。正确的做法监听什么？"),
    ("lk-herd.c0", "The lock's value, polled every few milliseconds.", "锁的值，每隔几毫秒轮询一次。"),
    ("lk-herd.c1", "Every node in the directory, as here.", "目录下的所有节点，就像这里一样。"),
    ("lk-herd.c2", "Only the node just before its own.", "只监听排在自己前面的那个节点。"),
    ("lk-herd.done", "Each release wakes only the next in line (ZooKeeper's sequential nodes, etcd's revisions): no herd. Here every release wakes everyone, and all but one go back to sleep.", "每次释放只惊动下一顺位的取锁方（ZooKeeper 的顺序节点、etcd 的 revision）：没有惊群。这里每次释放惊动所有人，最后只有一个拿到锁。"),
    // Distributed transactions.
    ("lesson.transactions", "TCC, its barrier, and Saga", "TCC、子事务屏障与 Saga"),
    ("tx-tcc", "A payment under TCC: the TX Manager calls Try on the order, account and stock services, then Confirm. Press play.", "一笔 TCC 支付：TX Manager 依次调用订单、账户、库存组件的 Try，然后调用 Confirm。按下播放。"),
    ("tx-tcc.done", "Try froze each resource (an intermediate state), and once all three answered, Confirm made them final. Money is conserved.", "Try 冻结了各项资源（中间态），三个都成功后，Confirm 让它们生效。资金守恒。"),
    ("tx-empty", "Now a Try is lost in the network and times out. Press play.", "现在一个 Try 在网络中丢失并超时。按下播放。"),
    ("tx-empty.done", "The TX Manager cancelled, and the Cancel reached a branch that never froze anything: it released money that was never frozen (an empty rollback).", "TX Manager 发起了 Cancel，而 Cancel 到达的分支根本没有冻结过任何东西：它释放了从未冻结的钱（空回滚）。"),
    ("tx-barrier", "The same with DTM's sub-transaction barrier. Press play.", "同样的场景，使用 DTM 的子事务屏障。按下播放。"),
    ("tx-barrier.done", "The Cancel first inserts the Try's key, finds that the Try never ran, and does nothing: Cancel must tolerate an empty rollback, and be idempotent.", "Cancel 先插入 Try 的键，发现 Try 从未执行，于是什么也不做：Cancel 必须能处理空回滚，并且要幂等。"),
    ("tx-saga", "Saga: the stock step fails. Play it and watch the compensations. In which order do they run?", "Saga：库存步骤失败。播放并观察补偿操作。它们按什么顺序执行？"),
    ("tx-saga.c0", "In the order of the forward steps.", "与正向步骤相同的顺序。"),
    ("tx-saga.c1", "In reverse order: account, then order.", "相反的顺序：先账户，再订单。"),
    ("tx-saga.c2", "All at once.", "同时执行。"),
    ("tx-saga.done", "Saga splits a long transaction into short local ones, each final at once, and undoes them in reverse order. It has no isolation: others can see the intermediate state.", "Saga 把长事务拆成多个短的本地事务，每个立即生效；失败时按相反顺序依次补偿。它没有隔离性：别人能看到中间状态。"),
    // Raft.
    // Eventual consistency by message: the local message table and transactional messages.
    ("lesson.messages", "The local message table and transactional messages", "本地消息表与事务消息"),
    ("ms-resend", "The local message table: bank 1 debits A and writes a message row in one local transaction; a relay sends the row to bank 2. Bank 2's acknowledgements get lost. Press play.", "本地消息表：银行 1 在同一个本地事务里扣减 A 的余额并写入一条消息记录，由中继把这条消息发给银行 2。银行 2 的确认消息丢失了。按下播放。"),
    ("ms-resend.done", "To bank 1 the request looks timed out rather than done, so its monitor sent the row again, and bank 2 credited B twice: Applied Once is broken.", "在银行 1 看来，请求是超时而不是完成，于是它的监控任务重发了这条消息，银行 2 给 B 入账了两次：「只应用一次」被破坏了。"),
    ("ms-idempotent", "The same run with bank 2's processed-message table, written in the same local transaction as the credit. Press play.", "同样的运行，这次银行 2 有一张已处理消息表，与入账写在同一个本地事务里。按下播放。"),
    ("ms-idempotent.done", "Bank 2 recognised the resent message, skipped it and acknowledged it again. The receiver of an eventually consistent transfer must be idempotent.", "银行 2 认出了重发的消息，跳过它并再次确认。最终一致的转账中，接收方必须是幂等的。"),
    ("ms-checkback", "RocketMQ's transactional message: bank 1 sends a half message, commits its local transaction, and dies before its Commit reaches the broker. Press play (transactionTimeout is scaled from 6 s to 1 s).", "RocketMQ 的事务消息：银行 1 先发送半消息，提交本地事务，却在 Commit 到达 Broker 之前宕机。按下播放（transactionTimeout 从 6 秒缩短为 1 秒）。"),
    ("ms-checkback.done", "With no second confirmation, the broker checked back with the producer; the restarted producer found its transaction record and answered COMMIT_MESSAGE, so the message was delivered and B credited.", "没有收到二次确认，Broker 向生产者回查；重启后的生产者查到了自己的事务记录，回答 COMMIT_MESSAGE，于是消息被投递，B 入账。"),
    ("ms-redeliver", "Bank 2 consumes the committed message, credits B, and then its listener fails (RECONSUME_LATER). Press play (the first redelivery is scaled from 10 s to 200 ms).", "银行 2 消费了已提交的消息，给 B 入账，随后它的监听器失败（RECONSUME_LATER）。按下播放（第一次重投的间隔从 10 秒缩短为 200 毫秒）。"),
    ("ms-redeliver.done", "The broker delivered the message again, and a consumer without a record of what it processed credited B a second time. A discarded message is the opposite risk: if the producer stays unreachable for transactionCheckMax check-backs, the broker drops a committed transfer (the lab's checks-exhausted scenario).", "Broker 重新投递了这条消息，而没有记录已处理消息的消费者又给 B 入账了一次。被丢弃的消息是相反的风险：如果生产者在 transactionCheckMax 次回查内一直联系不上，Broker 会丢弃一笔已提交的转账（实验中的 checks-exhausted 场景）。"),
    ("ms-q", "A consumer of transactional messages can get the same message twice. What must it be?", "事务消息的消费者可能收到同一条消息两次。它必须满足什么？"),
    ("ms-q.c0", "Idempotent: applying a message twice has the effect of applying it once.", "幂等：同一条消息处理两次，效果与处理一次相同。"),
    ("ms-q.c1", "Fast: answer before the broker resends.", "快：在 Broker 重发之前作答。"),
    ("ms-q.c2", "Nothing: the broker delivers exactly once.", "什么都不需要：Broker 保证恰好投递一次。"),
    ("ms-q.done", "Delivery is at least once: a consumer that fails or answers late is redelivered. Only an idempotent consumer makes at-least-once delivery apply exactly once.", "投递语义是「至少一次」：消费失败或回应太晚都会被重新投递。只有幂等的消费者才能让「至少一次」的投递只生效一次。"),
    ("lesson.raft-basics", "Raft: leader, write-ahead log, two phases, elections", "Raft：leader、预写日志、两阶段提交、选举"),
    ("rb-elect", "Five servers, all followers. Press play: when a follower hears no heartbeat for its election timeout it becomes a candidate and asks for votes.", "五个服务器，全部是 follower。按下播放：follower 在选举超时内没收到心跳，就成为 candidate 并拉票。"),
    ("rb-elect.done", "A candidate won a majority of votes (3 of 5) and became leader for its term. From now on its heartbeats keep the followers from starting elections.", "一个 candidate 获得多数派（5 票中的 3 票）的选票，成为这一任期的 leader。此后它的心跳让 follower 不再发起选举。"),
    ("rb-write", "Send a write: in the \"Client and linearizability\" tab, put a key to the leader (or press c).", "发送一个写请求：在「客户端与线性一致性」标签页向 leader 写入一个键（或按 c）。"),
    ("rb-write.done", "Proposal: the leader appended the write to its log and sent AppendEntries. Commit: once a majority stored it, the leader committed, applied it and answered; the followers commit when they next hear from it.", "提议：leader 把写请求追加到预写日志并广播 AppendEntries。提交：多数派保存之后，leader 提交、应用到状态机并响应客户端；follower 在之后的交互中得知并提交。"),
    ("rb-kill", "Kill the leader: select it and press Kill (or press k).", "杀死 leader：选中它并按「杀死」（或按 k）。"),
    ("rb-kill.done", "The leader is gone; its followers' election timers are draining.", "leader 不在了，follower 们的选举计时器正在走完。"),
    ("rb-reelect", "Play on until a new leader is elected (kill the leader first if you opened this step directly).", "继续播放，直到选出新的 leader（如果你是直接打开这一步的，先杀死 leader）。"),
    ("rb-reelect.done", "A follower timed out, became a candidate with term + 1, and won a majority among the four left. Its log was at least as up-to-date as theirs, or they would have refused.", "一个 follower 超时，成为任期加一的 candidate，在剩下的四个节点中赢得多数派。它的日志至少和它们的一样新，否则它们会拒绝投票。"),
    ("rb-q", "Term and index: what identifies one log entry uniquely?", "任期和日志索引：什么能唯一标识一条日志？"),
    ("rb-q.c0", "Its term and its index together.", "任期 + 索引。"),
    ("rb-q.c1", "Its index alone.", "只看索引。"),
    ("rb-q.c2", "Its term alone.", "只看任期。"),
    ("rb-q.done", "Two servers may hold different entries at the same index (from different leaders), but one leader creates at most one entry per index in its term: term + index names one entry.", "同一个索引上，两个服务器可能存着不同 leader 写的不同日志；但一个 leader 在它的任期内每个索引最多写一条：任期 + 索引唯一标识一条日志。"),
    ("lesson.raft-follower-write", "What does a follower do with a write?", "follower 收到写请求怎么办？"),
    ("fw-send", "A leader is elected. In the \"Client and linearizability\" tab, send a put to a follower (choose a node that is not the leader).", "leader 已经选出。在「客户端与线性一致性」标签页，把写请求发给一个 follower（选一个不是 leader 的节点）。"),
    ("fw-send.done", "The follower did not write it: it answered \"not the leader\" with the leader it knows, and the client sent it there.", "follower 没有写入：它回复「我不是 leader」并告诉客户端它所知道的 leader，客户端再发给 leader。"),
    ("fw-q", "So: what does a follower do with a write request?", "那么：follower 收到写请求怎么办？"),
    ("fw-q.c0", "Appends it to its own log and tells the leader.", "追加到自己的日志，再告诉 leader。"),
    ("fw-q.c1", "Hands it to the leader: here, redirects the client to it.", "交给 leader 处理：这里是把客户端重定向到 leader。"),
    ("fw-q.c2", "Drops it silently.", "直接丢弃。"),
    ("fw-q.done", "Only the leader writes. A follower redirects (or forwards) the request; a follower that knows no leader says so and the client retries later.", "只有 leader 有写的权限。follower 会重定向（或转发）请求；不知道 leader 是谁的 follower 会如实回答，客户端稍后重试。"),
    ("lesson.raft-heartbeats", "Heartbeats are answered", "心跳是有回复的"),
    ("hb-watch", "The lecture says heartbeats need no reply. Watch the sequence diagram with no client request: what comes back?", "讲义说心跳请求无需回复。在没有客户端请求时观察时序图：有什么返回？"),
    ("hb-watch.done", "Each heartbeat is an AppendEntries with no entries, and each follower answers it (AppendEntriesReply). This is where the lecture simplifies.", "每个心跳其实是不带日志的 AppendEntries，每个 follower 都会回复（AppendEntriesReply）。这是讲义简化的地方。"),
    ("hb-cut", "Cut the direction from a follower to the leader: click the arrow that points from a follower to the leader (each direction is its own).", "切断某个 follower 到 leader 方向的链路：点击从某个 follower 指向 leader 的箭头（每个方向单独切断）。"),
    ("hb-cut.done", "The follower still hears every heartbeat, so it never starts an election, but the leader no longer hears it.", "这个 follower 依然收到每个心跳，所以不会发起选举，但 leader 再也听不到它了。"),
    ("hb-q", "What does the leader lose when a follower's replies stop arriving?", "follower 的回复到不了时，leader 失去了什么？"),
    ("hb-q.c0", "Nothing: heartbeats need no reply.", "什么也没有：心跳无需回复。"),
    ("hb-q.c1", "That follower's progress: its matchIndex stops, and it cannot count it toward a majority.", "这个 follower 的进度：它的 matchIndex 不再前进，也不能把它算进多数派。"),
    ("hb-q.c2", "Its leadership, at once.", "立刻失去 leader 身份。"),
    ("hb-q.done", "Replies carry success and the follower's log position; without them the leader cannot advance matchIndex or commit with that follower's vote, and CheckQuorum would step it down without a majority of replies.", "回复里带着成功与否和 follower 的日志位置；没有回复，leader 无法推进 matchIndex，也不能把它计入提交所需的多数派；开启 CheckQuorum 时，收不到多数派回复的 leader 会主动下台。"),
    ("lesson.raft-membership", "Raft: membership changes", "Raft：集群变更"),
    ("mb-remove", "Change the cluster: in the \"Membership and snapshots\" tab, remove a follower from the configuration (play a little if no leader is shown).", "变更集群：在「成员与快照」标签页，把一个 follower 移出配置（如果还没有 leader，先播放一会儿）。"),
    ("mb-remove.done", "The leader appended the joint configuration C_old,new as a log entry; once it committed, it appended C_new. Each server uses the latest configuration in its log, committed or not.", "leader 先把联合配置 C_old,new 作为一条日志追加；提交之后再追加 C_new。每个服务器都使用自己日志中最新的配置，无论是否已提交。"),
    ("mb-q", "Why does Raft go through a joint configuration instead of switching every server to the new one at once?", "为什么 Raft 要经过一个联合配置，而不是让所有服务器一次性切换到新配置？"),
    ("mb-q.c0", "It is faster.", "这样更快。"),
    ("mb-q.c1", "Servers switch at different moments: without the joint step a majority of the old and a majority of the new configuration could each elect a leader in the same term.", "各服务器切换的时刻不同：没有联合这一步，旧配置的多数派和新配置的多数派可能在同一任期各自选出一个 leader。"),
    ("mb-q.c2", "So that learners catch up first.", "为了让 learner 先追上日志。"),
    ("mb-q.done", "During C_old,new every decision needs a majority of both, so the two can never decide apart (section 6, Figure 10). Single-server changes get the same safety by changing one server at a time; the settings tab can switch to them.", "在 C_old,new 期间，每个决定都需要新旧两个配置各自的多数派，两者不可能各自做出决定（论文第 6 节，图 10）。单节点变更一次只改一个服务器，也能获得同样的安全性；设置标签页可以切换到这种方式。"),
    // The four questions.
    // Configuration centers.
    ("lesson.config-center", "A configuration center: long polling, releases, the local cache", "配置中心：长轮询、发布与本地缓存"),
    ("cc-poll", "Each client holds a long poll on a server (Nacos holds it up to 30 s). At 20 s client 3 publishes a new value. Press play.", "每个客户端都在服务器上挂着一个长轮询（Nacos 最长挂起 30 秒）。20 秒时客户端 3 发布一个新值。按下播放。"),
    ("cc-poll.done", "The held polls were answered at once with the changed key, and each client fetched the new value: the change reached every client within about a round trip, with no need to restart anything.", "挂起的长轮询立即带着变更的配置项返回，各客户端随即拉取新值：变更大约一个往返就到达了所有客户端，不需要重启任何东西。"),
    ("cc-rollback", "Releases are versioned. In the release panel, press Publish to make a new release, then Roll back to return to the one before it.", "发布是有版本的。在发布面板中按「发布」生成一个新版本，然后按「回滚」回到上一个版本。"),
    ("cc-rollback.done", "A rollback is itself a new release with the previous value, so every client moves forward to it through the same long polls. Apollo keeps the history so that a bad change can be undone.", "回滚本身也是一次新的发布，内容是上一个版本的值，所以各客户端同样通过长轮询更新到它。Apollo 保留发布历史，就是为了能撤销一次错误的变更。"),
    ("cc-gray", "A gray release: at 20 s a new value goes to client 4 only; at 30 s the full release. Press play and watch each client's version.", "灰度发布：20 秒时新值只发给客户端 4；30 秒时全量发布。按下播放，观察每个客户端的版本。"),
    ("cc-gray.done", "Only client 4 ran the gray value while the others kept the released one; the full release then reached everyone. A gray release tries a change on a few instances before all of them.", "只有客户端 4 用上了灰度值，其他客户端仍使用已发布的值；随后的全量发布到达了所有客户端。灰度发布先在少数实例上试验变更，再推给全部实例。"),
    ("cc-cache", "At 25 s every server crashes; at 27 s client 5 restarts. Press play.", "25 秒时所有服务器宕机；27 秒时客户端 5 重启。按下播放。"),
    ("cc-cache.done", "With no server to ask, client 5 started from the copy it cached on its local disk: basically available, with a value that may be old. Apollo and Nacos clients both keep such a cache.", "没有服务器可问，客户端 5 从本地磁盘上缓存的副本启动：基本可用，但值可能是旧的。Apollo 和 Nacos 的客户端都保留这样的本地缓存。"),
    ("cc-q", "Why do clients hold a long poll instead of asking every second?", "客户端为什么挂起长轮询，而不是每秒问一次？"),
    ("cc-q.c0", "Long polls are the only way through a firewall.", "只有长轮询能穿过防火墙。"),
    ("cc-q.c1", "A held poll is answered the moment a key changes, with one request per 30 s while nothing does.", "挂起的请求在配置变化的那一刻就返回，而没有变化时每 30 秒只需一个请求。"),
    ("cc-q.c2", "The server cannot send anything unless asked.", "服务器只有被请求时才能发送数据。"),
    ("cc-q.done", "Short polling trades freshness against load: ask often and load the servers, ask rarely and see changes late. A long poll gets both: a change arrives within a round trip, and an idle client costs one request per hold.", "短轮询要在及时性和负载之间取舍：问得勤，服务器负载高；问得少，变更到得晚。长轮询两者兼得：变更在一个往返内到达，空闲的客户端每次挂起只需一个请求。"),
    ("lesson.raft-log-matching", "Q1: same index and term, same log before?", "思考题一：term 和 index 相同，之前的日志也相同吗？"),
    ("lm-q", "Two servers hold an entry with the same index and term. Are all the entries before it the same too?", "两个节点中分别存在 term 和 index 相同的日志，那这之前的日志也相同吗？"),
    ("lm-q.c0", "Yes: AppendEntries' consistency check makes it so.", "相同：AppendEntries 的一致性检查保证了这一点。"),
    ("lm-q.c1", "No: only the entry itself is the same.", "不一定：只有这一条相同。"),
    ("lm-q.c2", "Only if both are committed.", "只有都提交了才相同。"),
    ("lm-q.done", "Log Matching: a follower accepts entries only if its log holds the entry just before them with the same term, so by induction everything before matches. Next: watch the check refuse.", "日志匹配特性：follower 只有在自己的日志中有前一条 index 和 term 都相同的日志时才接受新日志，归纳可得之前的日志都相同。下一步：看这个检查如何拒绝。"),
    ("lm-repair", "The old leader of term 1 was cut off and took two writes only it stores; the others elected a leader of a higher term and committed another write. Heal all links and watch the old leader's log.", "任期 1 的老 leader 被隔离，收下了两个只有它自己保存的写请求；其余节点选出了更高任期的 leader，并提交了另一个写请求。恢复所有链路，观察老 leader 的日志。"),
    ("lm-repair.done", "The new leader's AppendEntries named an entry before the new ones (prevLogIndex, prevLogTerm) that the old leader did not have with that term: it refused, the leader backed up nextIndex until the logs matched, and the old leader removed its conflicting entries and took the leader's.", "新 leader 的 AppendEntries 带着新日志之前那一条的 index 和 term（prevLogIndex、prevLogTerm），老 leader 没有这一条：它拒绝了；leader 回退 nextIndex 直到日志匹配，老 leader 删除冲突的日志，换成 leader 的。"),
    ("lm-bug", "This recorded run has the consistency check switched off. Press play and watch the invariants.", "这次录制的运行关闭了一致性检查。按下播放，观察不变式。"),
    ("lm-bug.done", "A follower accepted entries after a gap that did not match, and two servers applied different commands at the same index: State Machine Safety is broken.", "一个 follower 在不匹配的空档之后接受了日志，两个服务器在同一索引上应用了不同的命令：状态机安全性被破坏。"),
    ("lm-fixed", "The same run with the check on. Press play past the same moment.", "同样的运行，打开一致性检查。播放越过同一时刻。"),
    ("lm-fixed.done", "The check refused the mismatching AppendEntries, the leader backed up nextIndex until the logs matched, and nothing broke.", "一致性检查拒绝了不匹配的 AppendEntries，leader 回退 nextIndex 直到日志匹配，什么也没有被破坏。"),
    ("lesson.raft-split-votes", "Q2: what if every candidate gets exactly half?", "思考题二：每个 candidate 都刚好拿到一半的票怎么办？"),
    ("sv-bug", "Four servers whose election timeouts are all the same (no randomization). Press play and watch the terms, and the votes line under each candidate (votes granted / votes needed).", "四个服务器的选举超时完全相同（没有随机化）。按下播放，观察任期，以及每个 candidate 下方的得票（已得票数 / 所需票数）。"),
    ("sv-bug.done", "They all time out together and each votes for itself: every candidate shows votes 1/3, nobody reaches 3 of 4, and they all time out together again: term after term with no leader.", "它们同时超时，各自投自己一票：每个 candidate 的得票都是 1/3，谁也拿不到 4 票中的 3 票，然后又同时超时：一个任期接一个任期，始终没有 leader。"),
    ("sv-fixed", "The same four servers with Raft's randomized timeouts (150–300 ms). Press play.", "同样四个服务器，使用 Raft 的随机选举超时（150–300 ms）。按下播放。"),
    ("sv-fixed.done", "One server usually times out first and collects votes before the others wake: a leader in one or two rounds.", "通常有一个服务器先超时，在其他服务器醒来之前拿到选票：一两轮就选出了 leader。"),
    ("sv-q", "How does Raft avoid repeated split votes?", "Raft 如何避免反复平票？"),
    ("sv-q.c0", "It uses an odd number of servers.", "使用奇数个服务器。"),
    ("sv-q.c1", "The candidate with the highest id wins ties.", "平票时 id 大的获胜。"),
    ("sv-q.c2", "Each server picks its election timeout at random, again every round.", "每个服务器随机选择选举超时，每一轮都重新随机。"),
    ("sv-q.done", "Randomized timeouts spread the candidates out in time; a split vote can still happen but rarely twice in a row. An odd cluster does not help: five candidates can split 2–2–1.", "随机超时让 candidate 在时间上错开；平票仍可能发生，但很少连续发生。奇数个节点并不能解决：五个 candidate 也可能分成 2-2-1。"),
    ("lesson.raft-figure8", "Q3: committed as soon as a majority stores it?", "思考题三：一条日志得到多数赞同就可以提交吗？"),
    ("f8-q", "Is an entry committed as soon as a majority of servers stores it?", "一条日志得到多数节点保存，就可以提交了吗？"),
    ("f8-q.c0", "Yes, always.", "可以，任何时候都可以。"),
    ("f8-q.c1", "Not an entry of an earlier term: a leader counts replicas only for entries of its own term.", "前任期的日志不行：leader 只对自己任期的日志计数提交。"),
    ("f8-q.c2", "Only once every server stores it.", "只有所有节点都保存了才行。"),
    ("f8-q.done", "Figure 8 of the paper: an old-term entry on a majority can still be overwritten by a leader elected without it. Next: the figure, replayed as drawn.", "论文的图 8：一条旧任期的日志即使在多数派上，也仍可能被一个没有它的新 leader 覆盖。下一步：按原图重放。"),
    ("f8-drawn", "Figure 8 as drawn, S1..S5 being nodes 0..4, with a leader that commits old-term entries by counting replicas. Press play and follow (a) to (d): S1 leads term 1; S5 leads term 2; S1 leads term 3 and copies its term-1 entry to S3; S5 leads term 4.", "按论文图 8 原样重放，S1..S5 即节点 0..4，leader 按副本数提交旧任期的日志。按下播放，依次看 (a) 到 (d)：S1 是任期 1 的 leader；S5 是任期 2 的 leader；S1 成为任期 3 的 leader 并把任期 1 的日志复制到 S3；S5 成为任期 4 的 leader。"),
    ("f8-drawn.done", "In (c) the term-1 entry sat on a majority and S1 counted it committed; in (d) S5, whose log ends with its term-2 entry, still won a majority of votes and overwrote it: a committed entry is lost, Leader Completeness is broken.", "在 (c) 中，任期 1 的日志已在多数派上，S1 按副本数认为它已提交；在 (d) 中，日志末尾是任期 2 日志的 S5 仍然赢得了多数派的选票，并覆盖了它：一条已提交的日志丢失了，Leader 完整性被破坏。"),
    ("f8-rule", "The same figure with the current-term rule: a leader counts replicas only for an entry of its own term. Press play to the end.", "同样的图 8，遵守当前任期规则：leader 只对自己任期的日志按副本数提交。播放到最后。"),
    ("f8-rule.done", "In (c) S1 never counted the term-1 entry committed (no entry of term 3 was on a majority above it), so when S5 overwrote it in (d) nothing committed was lost: S2 to S5 agree on S5's entry.", "在 (c) 中，S1 从未认为任期 1 的日志已提交（没有任期 3 的日志在其上达到多数派），所以 S5 在 (d) 中覆盖它时，没有丢失任何已提交的内容：S2 到 S5 最终都与 S5 的日志一致。"),
    ("lesson.raft-majority", "Q4: why does a majority make a write durable?", "思考题四：为什么多数节点赞同就能保证最终一致？"),
    ("mj-commit", "Five servers; the leader gets put x=1. Press play until it is committed.", "五个服务器；leader 收到 put x=1。播放直到它被提交。"),
    ("mj-commit.done", "x=1 is on at least three servers. Any majority a future leader needs shares at least one server with those three.", "x=1 至少保存在三个服务器上。将来任何 leader 需要的多数派，至少和这三个有一个交集。"),
    ("mj-minority", "Kill a minority: the leader and one more server. Play on until a new leader leads.", "杀死一个少数派：leader 再加一个服务器。继续播放直到选出新 leader。"),
    ("mj-minority.done", "The new leader has x=1: it needed votes from a majority, which includes a server holding x=1, and the up-to-date check made sure its log is no older.", "新 leader 也有 x=1：它需要多数派的选票，而多数派里必有保存了 x=1 的服务器，日志新旧的检查保证了它的日志不比它们旧。"),
    ("mj-majority", "Now kill one more (three down), then send a write from the \"Client and linearizability\" tab and play a few seconds.", "再杀死一个（共三个宕机），然后在「客户端与线性一致性」标签页发送一个写请求，播放几秒。"),
    ("mj-majority.done", "Two servers cannot form a majority: nothing commits and nobody can be elected. The cluster stops rather than lose or contradict what it acknowledged.", "两个服务器凑不成多数派：什么也提交不了，也选不出 leader。集群宁可停下，也不会丢失或违背已经确认的写。"),
    // Homework.
    ("lesson.homework-lock", "Homework: build your own lock", "作业：实现一把你自己的分布式锁"),
    ("hw-del", "A lock released with a plain DEL: press play and watch who releases whose lock.", "用普通的 DEL 释放锁：按下播放，看谁释放了谁的锁。"),
    ("hw-del.done", "A holder whose lease expired deleted the next holder's lock, and a third client entered: check that the lock is yours before deleting it (compare-and-delete).", "租约已过期的持有者删掉了下一个持有者的锁，第三个客户端进入了临界区：释放锁前要判断是否是自己加的锁（比较后删除）。"),
    ("hw-fenced", "The too-short lease again, with fencing tokens checked by the storage. Press play and watch the stock and the rejected writes.", "再看租期过短的场景，这次由存储检查 fencing token。按下播放，观察库存和被拒绝的写入。"),
    ("hw-fenced.done", "Two clients still overlap (the checker flags Mutual Exclusion), but the storage refuses the older token's late write: look at the stock, no item is sold twice. Fencing limits the damage; it does not make the lock exclusive.", "两个客户端仍然重叠（检查器标出了互斥被破坏），但存储拒绝了旧 token 的迟到写入：看库存，没有一件商品被卖两次。fencing 限制了损害，但并不能让锁重新互斥。"),
    ("hw-q", "What must your lock guard against, besides a crashed holder?", "除了持有者崩溃之外，你的锁还必须防范什么？"),
    ("hw-q.c0", "Nothing: a TTL is enough.", "没有了：有 TTL 就够了。"),
    ("hw-q.c1", "Only network latency.", "只有网络延迟。"),
    ("hw-q.c2", "A holder that outlives its lease (pauses, slow work): renew it, check ownership on release, fence the writes.", "租约到期后还在运行的持有者（停顿、执行太慢）：续约、释放前检查归属、对写入做 fencing。"),
    ("hw-q.done", "A TTL fixes deadlock but brings expiry: the watchdog renews, the owner check stops you deleting another's lock, and a fencing token makes the resource refuse a stale holder. Then read the Raft paper: the four questions above follow it.", "TTL 解决了死锁，却带来了过期问题：看门狗负责续约，归属检查防止删掉别人的锁，fencing token 让资源拒绝过期的持有者。然后去读 Raft 论文：上面四道思考题就跟着论文走。"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lab::course::{Section, LESSONS};

    /// Every id a lesson needs: its title, its section, each step's text, explanation and choices.
    fn needed() -> Vec<String> {
        let mut ids: Vec<String> = Section::ALL.iter().map(|s| format!("section.{}", s.id())).collect();
        for lesson in LESSONS {
            ids.push(format!("lesson.{}", lesson.id));
            for step in lesson.steps {
                ids.push(step.id.to_string());
                ids.push(format!("{}.done", step.id));
                ids.extend((0..step.choices).map(|k| format!("{}.c{k}", step.id)));
            }
        }
        ids
    }

    #[test]
    fn every_step_has_its_english_and_chinese_text() {
        for id in needed() {
            let en = text(Lang::En, &id).unwrap_or_else(|| panic!("no text for {id}"));
            let zh = text(Lang::Zh, &id).unwrap_or_else(|| panic!("no text for {id}"));
            assert!(!en.trim().is_empty(), "{id}: empty English");
            assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{id}: no Chinese text");
        }
    }

    #[test]
    fn every_text_belongs_to_a_step_and_is_defined_once() {
        let needed = needed();
        let mut seen: Vec<&str> = Vec::new();
        for (id, _, _) in TEXTS {
            assert!(needed.iter().any(|n| n == id), "{id} is not used");
            assert!(!seen.contains(id), "{id} is defined twice");
            seen.push(id);
        }
    }
}
