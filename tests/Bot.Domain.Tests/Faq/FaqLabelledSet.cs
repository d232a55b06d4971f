using Bot.Domain.Faq;

namespace Bot.Domain.Tests.Faq;

/// <summary>
/// A small FAQ and questions asked in other words than its phrasings: Traditional and Simplified Chinese and
/// English, each labelled with the entry it should get, or 0 when the bot should stay silent.
/// </summary>
public static class FaqLabelledSet
{
    public static readonly IReadOnlyList<FaqEntry> Entries =
    [
        Entry(1, "到「設定 → 帳號 → 重設密碼」，驗證信會寄到你的信箱。", "如何重設密碼", "忘記密碼怎麼辦", "how do I reset my password", "forgot my password"),
        Entry(2, "訂單頁按「申請退款」，7 個工作天內退回原付款方式。", "如何申請退款", "退款要多久", "how do I get a refund", "refund policy"),
        Entry(3, "每位留下並參與的好友可得 100 點。", "邀請獎勵怎麼領", "邀請朋友有什麼獎勵", "how do invite rewards work", "reward for inviting friends"),
        Entry(4, "活躍度與貢獻度達標即自動升級。", "怎麼成為核心用戶", "會員等級怎麼升級", "how do I become a core member", "how do tiers work"),
        Entry(5, "活動表釘選在公告頻道。", "線上講座什麼時候開始", "活動時間表在哪裡", "when is the next online lecture", "event schedule"),
        Entry(6, "規則在 #rules，禁止廣告。", "社群規則在哪裡看", "可以發廣告嗎", "where are the community rules", "can I post ads"),
        Entry(7, "對訊息按右鍵 → 檢舉，或使用 /ticket open。", "如何檢舉用戶", "怎麼聯絡管理員", "how do I report a user", "how to contact a moderator"),
        Entry(8, "在個人資料頁修改暱稱。", "怎麼改暱稱", "如何修改名字", "how do I change my nickname", "change display name"),
        Entry(9, "付款後 3 天內出貨，滿 1000 免運費。", "訂單多久會出貨", "運費多少", "when will my order ship", "shipping cost"),
        Entry(10, "信用卡、LINE Pay、超商付款。", "支援哪些付款方式", "可以用信用卡付款嗎", "what payment methods are accepted", "can I pay with a credit card"),
        Entry(11, "App Store 與 Google Play 搜尋我們的名字。", "App 在哪裡下載", "有沒有手機版", "where can I download the app", "is there a mobile app"),
        Entry(12, "輸入 /settings language en 或 zh-TW。", "可以切換成英文嗎", "如何更改語言", "how do I change the language", "switch language to Chinese"),
        Entry(13, "抽獎結果公布在活動頻道。", "抽獎結果在哪裡公布", "抽獎怎麼參加", "how do I join the lottery", "where are lottery results announced"),
        Entry(14, "寄信給客服並註明帳號，我們會在 30 天內刪除。", "如何刪除帳號", "我要註銷帳號", "how do I delete my account", "delete my data"),
        Entry(15, "違規會被禁言，時長依次數遞增。", "為什麼我被禁言", "禁言多久會解除", "why was I muted", "how long does a mute last"),
    ];

    public static readonly IReadOnlyList<(string Question, long Expected)> Questions =
    [
        // Traditional Chinese
        ("請問密碼忘記了要怎麼辦？", 1),
        ("我想重設我的密碼", 1),
        ("退款大概要等多久", 2),
        ("請問怎麼申請退款？", 2),
        ("邀請朋友加入可以拿到什麼獎勵？", 3),
        ("怎樣才能升級成核心用戶", 4),
        ("下一場線上講座是什麼時候？", 5),
        ("請問社群規則在哪", 6),
        ("這裡可以打廣告嗎？", 6),
        ("要怎麼檢舉別人", 7),
        ("暱稱可以改嗎？", 8),
        ("我的訂單什麼時候出貨", 9),
        ("運費要多少錢", 9),
        ("可以刷信用卡嗎", 10),
        ("手機 App 要去哪裡下載？", 11),
        ("介面可以換成英文嗎", 12),
        ("抽獎名單在哪裡公布", 13),
        ("我想刪除我的帳號", 14),
        ("為什麼我不能發言，被禁言了嗎", 15),

        // Simplified Chinese
        ("忘记密码怎么办", 1),
        ("怎么申请退款", 2),
        ("邀请好友有什么奖励", 3),
        ("抽奖怎么参加", 13),
        ("如何删除账号", 14),

        // English
        ("I forgot my password, what should I do?", 1),
        ("how can I get my money back?", 2),
        ("what's the refund policy?", 2),
        ("what rewards do I get for inviting friends", 3),
        ("how does the tier system work", 4),
        ("when's the next lecture?", 5),
        ("are ads allowed here?", 6),
        ("how to report someone who is spamming", 7),
        ("can I change my nickname?", 8),
        ("when does my order ship", 9),
        ("do you accept credit cards", 10),
        ("is there an app for my phone", 11),
        ("how can I switch the language", 12),
        ("how do I enter the lottery", 13),
        ("please delete my account", 14),
        ("why am I muted?", 15),

        // Nothing in the FAQ answers these
        ("今天天氣真好嗎？", 0),
        ("有人要一起打遊戲嗎", 0),
        ("晚餐吃什麼好呢？", 0),
        ("你們覺得新版本怎麼樣？", 0),
        ("我的貓咪生病了怎麼辦", 0),
        ("这个游戏好玩吗", 0),
        ("what time is it in Tokyo?", 0),
        ("does anyone like pizza?", 0),
        ("how do I cook rice?", 0),
        ("who won the football game last night?", 0),
        ("can someone recommend a good book?", 0),
        ("what's your favorite movie?", 0),
        ("how do I become a better programmer?", 0),
    ];

    private static FaqEntry Entry(long id, string answer, params string[] questions) => new(id, questions, answer, []);
}
