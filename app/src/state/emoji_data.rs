//! The emoji the picker offers, by category: common ones, named by their Unicode names (a few
//! by their CLDR names, with words people search for).

use super::{Category, Emoji};

/// The categories, in the picker's order.
pub(super) const DATA: &[Category] = &[
    Category {
        name: "Smileys",
        icon: "😀",
        emoji: &[
            Emoji {
                glyph: "😀",
                name: "grinning face",
            },
            Emoji {
                glyph: "😃",
                name: "smiling face with open mouth",
            },
            Emoji {
                glyph: "😄",
                name: "smiling face with open mouth and smiling eyes",
            },
            Emoji {
                glyph: "😁",
                name: "grinning face with smiling eyes",
            },
            Emoji {
                glyph: "😆",
                name: "smiling face with open mouth and tightly-closed eyes",
            },
            Emoji {
                glyph: "😅",
                name: "smiling face with open mouth and cold sweat",
            },
            Emoji {
                glyph: "🤣",
                name: "rolling on the floor laughing",
            },
            Emoji {
                glyph: "😂",
                name: "face with tears of joy laughing",
            },
            Emoji {
                glyph: "🙂",
                name: "slightly smiling face",
            },
            Emoji {
                glyph: "🙃",
                name: "upside-down face",
            },
            Emoji {
                glyph: "😉",
                name: "winking face",
            },
            Emoji {
                glyph: "😊",
                name: "smiling face with smiling eyes",
            },
            Emoji {
                glyph: "😇",
                name: "smiling face with halo",
            },
            Emoji {
                glyph: "🥰",
                name: "smiling face with hearts",
            },
            Emoji {
                glyph: "😍",
                name: "smiling face with heart eyes",
            },
            Emoji {
                glyph: "🤩",
                name: "grinning face with star eyes",
            },
            Emoji {
                glyph: "😘",
                name: "face throwing a kiss",
            },
            Emoji {
                glyph: "😗",
                name: "kissing face",
            },
            Emoji {
                glyph: "😚",
                name: "kissing face with closed eyes",
            },
            Emoji {
                glyph: "😙",
                name: "kissing face with smiling eyes",
            },
            Emoji {
                glyph: "😋",
                name: "face savouring delicious food",
            },
            Emoji {
                glyph: "😛",
                name: "face with stuck-out tongue",
            },
            Emoji {
                glyph: "😜",
                name: "face with stuck-out tongue and winking eye",
            },
            Emoji {
                glyph: "🤪",
                name: "grinning face with one large and one small eye",
            },
            Emoji {
                glyph: "😝",
                name: "face with stuck-out tongue and tightly-closed eyes",
            },
            Emoji {
                glyph: "🤑",
                name: "money-mouth face",
            },
            Emoji {
                glyph: "🤗",
                name: "hugging face",
            },
            Emoji {
                glyph: "🤭",
                name: "smiling face with smiling eyes and hand covering mouth",
            },
            Emoji {
                glyph: "🤫",
                name: "face with finger covering closed lips",
            },
            Emoji {
                glyph: "🤔",
                name: "thinking face",
            },
            Emoji {
                glyph: "🤐",
                name: "zipper-mouth face",
            },
            Emoji {
                glyph: "🤨",
                name: "face with one eyebrow raised",
            },
            Emoji {
                glyph: "😐",
                name: "neutral face",
            },
            Emoji {
                glyph: "😑",
                name: "expressionless face",
            },
            Emoji {
                glyph: "😶",
                name: "face without mouth",
            },
            Emoji {
                glyph: "😏",
                name: "smirking face",
            },
            Emoji {
                glyph: "😒",
                name: "unamused face",
            },
            Emoji {
                glyph: "🙄",
                name: "face with rolling eyes",
            },
            Emoji {
                glyph: "😬",
                name: "grimacing face",
            },
            Emoji {
                glyph: "🤥",
                name: "lying face",
            },
            Emoji {
                glyph: "😌",
                name: "relieved face",
            },
            Emoji {
                glyph: "😔",
                name: "pensive face",
            },
            Emoji {
                glyph: "😪",
                name: "sleepy face",
            },
            Emoji {
                glyph: "🤤",
                name: "drooling face",
            },
            Emoji {
                glyph: "😴",
                name: "sleeping face",
            },
            Emoji {
                glyph: "😷",
                name: "face with medical mask",
            },
            Emoji {
                glyph: "🤒",
                name: "face with thermometer",
            },
            Emoji {
                glyph: "🤕",
                name: "face with head-bandage",
            },
            Emoji {
                glyph: "🤢",
                name: "nauseated face",
            },
            Emoji {
                glyph: "🤮",
                name: "face with open mouth vomiting",
            },
            Emoji {
                glyph: "🤧",
                name: "sneezing face",
            },
            Emoji {
                glyph: "🥵",
                name: "overheated face",
            },
            Emoji {
                glyph: "🥶",
                name: "freezing face",
            },
            Emoji {
                glyph: "🥴",
                name: "face with uneven eyes and wavy mouth",
            },
            Emoji {
                glyph: "😵",
                name: "dizzy face",
            },
            Emoji {
                glyph: "🤯",
                name: "shocked face with exploding head",
            },
            Emoji {
                glyph: "🤠",
                name: "face with cowboy hat",
            },
            Emoji {
                glyph: "🥳",
                name: "partying face",
            },
            Emoji {
                glyph: "😎",
                name: "smiling face with sunglasses",
            },
            Emoji {
                glyph: "🤓",
                name: "nerd face",
            },
            Emoji {
                glyph: "🧐",
                name: "face with monocle",
            },
            Emoji {
                glyph: "😕",
                name: "confused face",
            },
            Emoji {
                glyph: "😟",
                name: "worried face",
            },
            Emoji {
                glyph: "🙁",
                name: "slightly frowning face",
            },
            Emoji {
                glyph: "😮",
                name: "face with open mouth surprised",
            },
            Emoji {
                glyph: "😯",
                name: "hushed face",
            },
            Emoji {
                glyph: "😲",
                name: "astonished face",
            },
            Emoji {
                glyph: "😳",
                name: "flushed face",
            },
            Emoji {
                glyph: "🥺",
                name: "face with pleading eyes",
            },
            Emoji {
                glyph: "😦",
                name: "frowning face with open mouth",
            },
            Emoji {
                glyph: "😧",
                name: "anguished face",
            },
            Emoji {
                glyph: "😨",
                name: "fearful face",
            },
            Emoji {
                glyph: "😰",
                name: "face with open mouth and cold sweat",
            },
            Emoji {
                glyph: "😥",
                name: "disappointed but relieved face",
            },
            Emoji {
                glyph: "😢",
                name: "crying face",
            },
            Emoji {
                glyph: "😭",
                name: "loudly crying face",
            },
            Emoji {
                glyph: "😱",
                name: "face screaming in fear",
            },
            Emoji {
                glyph: "😖",
                name: "confounded face",
            },
            Emoji {
                glyph: "😣",
                name: "persevering face",
            },
            Emoji {
                glyph: "😞",
                name: "disappointed face",
            },
            Emoji {
                glyph: "😓",
                name: "face with cold sweat",
            },
            Emoji {
                glyph: "😩",
                name: "weary face",
            },
            Emoji {
                glyph: "😫",
                name: "tired face",
            },
            Emoji {
                glyph: "🥱",
                name: "yawning face",
            },
            Emoji {
                glyph: "😤",
                name: "face with look of triumph",
            },
            Emoji {
                glyph: "😡",
                name: "pouting face angry",
            },
            Emoji {
                glyph: "😠",
                name: "angry face",
            },
            Emoji {
                glyph: "🤬",
                name: "serious face with symbols covering mouth",
            },
            Emoji {
                glyph: "😈",
                name: "smiling face with horns",
            },
            Emoji {
                glyph: "👿",
                name: "imp",
            },
            Emoji {
                glyph: "💀",
                name: "skull",
            },
            Emoji {
                glyph: "💩",
                name: "pile of poo",
            },
            Emoji {
                glyph: "🤡",
                name: "clown face",
            },
            Emoji {
                glyph: "👻",
                name: "ghost",
            },
            Emoji {
                glyph: "👽",
                name: "extraterrestrial alien",
            },
            Emoji {
                glyph: "🤖",
                name: "robot face",
            },
            Emoji {
                glyph: "😺",
                name: "smiling cat face with open mouth",
            },
            Emoji {
                glyph: "😸",
                name: "grinning cat face with smiling eyes",
            },
            Emoji {
                glyph: "😹",
                name: "cat face with tears of joy",
            },
            Emoji {
                glyph: "😻",
                name: "smiling cat face with heart-shaped eyes",
            },
            Emoji {
                glyph: "😼",
                name: "cat face with wry smile",
            },
            Emoji {
                glyph: "😽",
                name: "kissing cat face with closed eyes",
            },
            Emoji {
                glyph: "🙀",
                name: "weary cat face",
            },
            Emoji {
                glyph: "😿",
                name: "crying cat face",
            },
            Emoji {
                glyph: "😾",
                name: "pouting cat face",
            },
        ],
    },
    Category {
        name: "People",
        icon: "👋",
        emoji: &[
            Emoji {
                glyph: "👋",
                name: "waving hand hello",
            },
            Emoji {
                glyph: "🤚",
                name: "raised back of hand",
            },
            Emoji {
                glyph: "🖐\u{fe0f}",
                name: "raised hand with fingers splayed",
            },
            Emoji {
                glyph: "✋",
                name: "raised hand",
            },
            Emoji {
                glyph: "🖖",
                name: "raised hand with part between middle and ring fingers",
            },
            Emoji {
                glyph: "👌",
                name: "ok hand",
            },
            Emoji {
                glyph: "🤏",
                name: "pinching hand",
            },
            Emoji {
                glyph: "✌\u{fe0f}",
                name: "victory hand",
            },
            Emoji {
                glyph: "🤞",
                name: "hand with index and middle fingers crossed",
            },
            Emoji {
                glyph: "🤟",
                name: "i love you hand sign",
            },
            Emoji {
                glyph: "🤘",
                name: "sign of the horns",
            },
            Emoji {
                glyph: "🤙",
                name: "call me hand",
            },
            Emoji {
                glyph: "👈",
                name: "white left pointing backhand index",
            },
            Emoji {
                glyph: "👉",
                name: "white right pointing backhand index",
            },
            Emoji {
                glyph: "👆",
                name: "white up pointing backhand index",
            },
            Emoji {
                glyph: "👇",
                name: "white down pointing backhand index",
            },
            Emoji {
                glyph: "☝\u{fe0f}",
                name: "index pointing up",
            },
            Emoji {
                glyph: "👍",
                name: "thumbs up",
            },
            Emoji {
                glyph: "👎",
                name: "thumbs down",
            },
            Emoji {
                glyph: "✊",
                name: "raised fist",
            },
            Emoji {
                glyph: "👊",
                name: "fisted hand sign",
            },
            Emoji {
                glyph: "🤛",
                name: "left-facing fist",
            },
            Emoji {
                glyph: "🤜",
                name: "right-facing fist",
            },
            Emoji {
                glyph: "👏",
                name: "clapping hands sign",
            },
            Emoji {
                glyph: "🙌",
                name: "person raising both hands in celebration",
            },
            Emoji {
                glyph: "👐",
                name: "open hands sign",
            },
            Emoji {
                glyph: "🤲",
                name: "palms up together",
            },
            Emoji {
                glyph: "🤝",
                name: "handshake",
            },
            Emoji {
                glyph: "🙏",
                name: "folded hands please thanks",
            },
            Emoji {
                glyph: "✍\u{fe0f}",
                name: "writing hand",
            },
            Emoji {
                glyph: "💪",
                name: "flexed biceps strong",
            },
            Emoji {
                glyph: "👀",
                name: "eyes",
            },
            Emoji {
                glyph: "👁\u{fe0f}",
                name: "eye",
            },
            Emoji {
                glyph: "👅",
                name: "tongue",
            },
            Emoji {
                glyph: "👄",
                name: "mouth",
            },
            Emoji {
                glyph: "💋",
                name: "kiss mark",
            },
            Emoji {
                glyph: "👶",
                name: "baby",
            },
            Emoji {
                glyph: "🧒",
                name: "child",
            },
            Emoji {
                glyph: "👦",
                name: "boy",
            },
            Emoji {
                glyph: "👧",
                name: "girl",
            },
            Emoji {
                glyph: "🧑",
                name: "adult",
            },
            Emoji {
                glyph: "👱",
                name: "person with blond hair",
            },
            Emoji {
                glyph: "👨",
                name: "man",
            },
            Emoji {
                glyph: "🧔",
                name: "bearded person",
            },
            Emoji {
                glyph: "👩",
                name: "woman",
            },
            Emoji {
                glyph: "🧓",
                name: "older adult",
            },
            Emoji {
                glyph: "👴",
                name: "older man",
            },
            Emoji {
                glyph: "👵",
                name: "older woman",
            },
            Emoji {
                glyph: "🙋",
                name: "happy person raising one hand",
            },
            Emoji {
                glyph: "🙆",
                name: "face with ok gesture",
            },
            Emoji {
                glyph: "🙅",
                name: "face with no good gesture",
            },
            Emoji {
                glyph: "🤷",
                name: "shrug",
            },
            Emoji {
                glyph: "🤦",
                name: "face palm",
            },
            Emoji {
                glyph: "💁",
                name: "information desk person",
            },
            Emoji {
                glyph: "🙇",
                name: "person bowing deeply",
            },
        ],
    },
    Category {
        name: "Hearts & symbols",
        icon: "❤\u{fe0f}",
        emoji: &[
            Emoji {
                glyph: "❤\u{fe0f}",
                name: "red heart",
            },
            Emoji {
                glyph: "🧡",
                name: "orange heart",
            },
            Emoji {
                glyph: "💛",
                name: "yellow heart",
            },
            Emoji {
                glyph: "💚",
                name: "green heart",
            },
            Emoji {
                glyph: "💙",
                name: "blue heart",
            },
            Emoji {
                glyph: "💜",
                name: "purple heart",
            },
            Emoji {
                glyph: "🤎",
                name: "brown heart",
            },
            Emoji {
                glyph: "🖤",
                name: "black heart",
            },
            Emoji {
                glyph: "🤍",
                name: "white heart",
            },
            Emoji {
                glyph: "💔",
                name: "broken heart",
            },
            Emoji {
                glyph: "❣\u{fe0f}",
                name: "heart exclamation",
            },
            Emoji {
                glyph: "💕",
                name: "two hearts",
            },
            Emoji {
                glyph: "💞",
                name: "revolving hearts",
            },
            Emoji {
                glyph: "💓",
                name: "beating heart",
            },
            Emoji {
                glyph: "💗",
                name: "growing heart",
            },
            Emoji {
                glyph: "💖",
                name: "sparkling heart",
            },
            Emoji {
                glyph: "💘",
                name: "heart with arrow",
            },
            Emoji {
                glyph: "💝",
                name: "heart with ribbon",
            },
            Emoji {
                glyph: "💟",
                name: "heart decoration",
            },
            Emoji {
                glyph: "💯",
                name: "hundred points",
            },
            Emoji {
                glyph: "💢",
                name: "anger symbol",
            },
            Emoji {
                glyph: "💥",
                name: "collision symbol",
            },
            Emoji {
                glyph: "💫",
                name: "dizzy symbol",
            },
            Emoji {
                glyph: "💦",
                name: "splashing sweat symbol",
            },
            Emoji {
                glyph: "💨",
                name: "dash symbol",
            },
            Emoji {
                glyph: "💬",
                name: "speech balloon",
            },
            Emoji {
                glyph: "💭",
                name: "thought balloon",
            },
            Emoji {
                glyph: "💤",
                name: "sleeping symbol",
            },
            Emoji {
                glyph: "✨",
                name: "sparkles",
            },
            Emoji {
                glyph: "⭐",
                name: "star",
            },
            Emoji {
                glyph: "🌟",
                name: "glowing star",
            },
            Emoji {
                glyph: "🔥",
                name: "fire",
            },
            Emoji {
                glyph: "⚡",
                name: "high voltage lightning",
            },
            Emoji {
                glyph: "❄\u{fe0f}",
                name: "snowflake",
            },
            Emoji {
                glyph: "☀\u{fe0f}",
                name: "sun",
            },
            Emoji {
                glyph: "🌈",
                name: "rainbow",
            },
            Emoji {
                glyph: "✅",
                name: "check mark button",
            },
            Emoji {
                glyph: "❌",
                name: "cross mark",
            },
            Emoji {
                glyph: "❓",
                name: "black question mark ornament",
            },
            Emoji {
                glyph: "❗",
                name: "heavy exclamation mark symbol",
            },
            Emoji {
                glyph: "➕",
                name: "heavy plus sign",
            },
            Emoji {
                glyph: "➖",
                name: "heavy minus sign",
            },
            Emoji {
                glyph: "✔\u{fe0f}",
                name: "check mark",
            },
            Emoji {
                glyph: "☑\u{fe0f}",
                name: "check box with check",
            },
            Emoji {
                glyph: "⚠\u{fe0f}",
                name: "warning",
            },
            Emoji {
                glyph: "🚫",
                name: "no entry sign",
            },
            Emoji {
                glyph: "♻\u{fe0f}",
                name: "recycling symbol",
            },
            Emoji {
                glyph: "🆗",
                name: "squared ok",
            },
            Emoji {
                glyph: "🆕",
                name: "squared new",
            },
            Emoji {
                glyph: "🆒",
                name: "squared cool",
            },
        ],
    },
    Category {
        name: "Animals & nature",
        icon: "🐶",
        emoji: &[
            Emoji {
                glyph: "🐶",
                name: "dog face",
            },
            Emoji {
                glyph: "🐱",
                name: "cat face",
            },
            Emoji {
                glyph: "🐭",
                name: "mouse face",
            },
            Emoji {
                glyph: "🐹",
                name: "hamster face",
            },
            Emoji {
                glyph: "🐰",
                name: "rabbit face",
            },
            Emoji {
                glyph: "🦊",
                name: "fox face",
            },
            Emoji {
                glyph: "🐻",
                name: "bear face",
            },
            Emoji {
                glyph: "🐼",
                name: "panda face",
            },
            Emoji {
                glyph: "🐨",
                name: "koala",
            },
            Emoji {
                glyph: "🐯",
                name: "tiger face",
            },
            Emoji {
                glyph: "🦁",
                name: "lion face",
            },
            Emoji {
                glyph: "🐮",
                name: "cow face",
            },
            Emoji {
                glyph: "🐷",
                name: "pig face",
            },
            Emoji {
                glyph: "🐸",
                name: "frog face",
            },
            Emoji {
                glyph: "🐵",
                name: "monkey face",
            },
            Emoji {
                glyph: "🙈",
                name: "see-no-evil monkey",
            },
            Emoji {
                glyph: "🙉",
                name: "hear-no-evil monkey",
            },
            Emoji {
                glyph: "🙊",
                name: "speak-no-evil monkey",
            },
            Emoji {
                glyph: "🐔",
                name: "chicken",
            },
            Emoji {
                glyph: "🐧",
                name: "penguin",
            },
            Emoji {
                glyph: "🐦",
                name: "bird",
            },
            Emoji {
                glyph: "🐤",
                name: "baby chick",
            },
            Emoji {
                glyph: "🦆",
                name: "duck",
            },
            Emoji {
                glyph: "🦅",
                name: "eagle",
            },
            Emoji {
                glyph: "🦉",
                name: "owl",
            },
            Emoji {
                glyph: "🦇",
                name: "bat",
            },
            Emoji {
                glyph: "🐺",
                name: "wolf face",
            },
            Emoji {
                glyph: "🐗",
                name: "boar",
            },
            Emoji {
                glyph: "🐴",
                name: "horse face",
            },
            Emoji {
                glyph: "🦄",
                name: "unicorn face",
            },
            Emoji {
                glyph: "🐝",
                name: "honeybee",
            },
            Emoji {
                glyph: "🐛",
                name: "bug",
            },
            Emoji {
                glyph: "🦋",
                name: "butterfly",
            },
            Emoji {
                glyph: "🐌",
                name: "snail",
            },
            Emoji {
                glyph: "🐞",
                name: "lady beetle",
            },
            Emoji {
                glyph: "🐜",
                name: "ant",
            },
            Emoji {
                glyph: "🐢",
                name: "turtle",
            },
            Emoji {
                glyph: "🐍",
                name: "snake",
            },
            Emoji {
                glyph: "🦎",
                name: "lizard",
            },
            Emoji {
                glyph: "🐙",
                name: "octopus",
            },
            Emoji {
                glyph: "🦑",
                name: "squid",
            },
            Emoji {
                glyph: "🦀",
                name: "crab",
            },
            Emoji {
                glyph: "🐠",
                name: "tropical fish",
            },
            Emoji {
                glyph: "🐟",
                name: "fish",
            },
            Emoji {
                glyph: "🐬",
                name: "dolphin",
            },
            Emoji {
                glyph: "🐳",
                name: "spouting whale",
            },
            Emoji {
                glyph: "🐋",
                name: "whale",
            },
            Emoji {
                glyph: "🦈",
                name: "shark",
            },
            Emoji {
                glyph: "🐊",
                name: "crocodile",
            },
            Emoji {
                glyph: "🐘",
                name: "elephant",
            },
            Emoji {
                glyph: "🦒",
                name: "giraffe face",
            },
            Emoji {
                glyph: "🐪",
                name: "dromedary camel",
            },
            Emoji {
                glyph: "🐄",
                name: "cow",
            },
            Emoji {
                glyph: "🐎",
                name: "horse",
            },
            Emoji {
                glyph: "🐖",
                name: "pig",
            },
            Emoji {
                glyph: "🐑",
                name: "sheep",
            },
            Emoji {
                glyph: "🐐",
                name: "goat",
            },
            Emoji {
                glyph: "🦌",
                name: "deer",
            },
            Emoji {
                glyph: "🐕",
                name: "dog",
            },
            Emoji {
                glyph: "🐈",
                name: "cat",
            },
            Emoji {
                glyph: "🐓",
                name: "rooster",
            },
            Emoji {
                glyph: "🦃",
                name: "turkey",
            },
            Emoji {
                glyph: "🕊\u{fe0f}",
                name: "dove of peace",
            },
            Emoji {
                glyph: "🐇",
                name: "rabbit",
            },
            Emoji {
                glyph: "🐿\u{fe0f}",
                name: "chipmunk",
            },
            Emoji {
                glyph: "🦔",
                name: "hedgehog",
            },
            Emoji {
                glyph: "🌵",
                name: "cactus",
            },
            Emoji {
                glyph: "🎄",
                name: "christmas tree",
            },
            Emoji {
                glyph: "🌲",
                name: "evergreen tree",
            },
            Emoji {
                glyph: "🌳",
                name: "deciduous tree",
            },
            Emoji {
                glyph: "🌴",
                name: "palm tree",
            },
            Emoji {
                glyph: "🌱",
                name: "seedling",
            },
            Emoji {
                glyph: "🌿",
                name: "herb",
            },
            Emoji {
                glyph: "☘\u{fe0f}",
                name: "shamrock",
            },
            Emoji {
                glyph: "🍀",
                name: "four leaf clover",
            },
            Emoji {
                glyph: "🍁",
                name: "maple leaf",
            },
            Emoji {
                glyph: "🍂",
                name: "fallen leaf",
            },
            Emoji {
                glyph: "🍃",
                name: "leaf fluttering in wind",
            },
            Emoji {
                glyph: "🌷",
                name: "tulip",
            },
            Emoji {
                glyph: "🌹",
                name: "rose",
            },
            Emoji {
                glyph: "🥀",
                name: "wilted flower",
            },
            Emoji {
                glyph: "🌺",
                name: "hibiscus",
            },
            Emoji {
                glyph: "🌸",
                name: "cherry blossom",
            },
            Emoji {
                glyph: "🌼",
                name: "blossom",
            },
            Emoji {
                glyph: "🌻",
                name: "sunflower",
            },
            Emoji {
                glyph: "🌞",
                name: "sun with face",
            },
            Emoji {
                glyph: "🌝",
                name: "full moon with face",
            },
            Emoji {
                glyph: "🌛",
                name: "first quarter moon with face",
            },
            Emoji {
                glyph: "🌙",
                name: "crescent moon",
            },
            Emoji {
                glyph: "🌎",
                name: "earth globe americas",
            },
        ],
    },
    Category {
        name: "Food & drink",
        icon: "🍔",
        emoji: &[
            Emoji {
                glyph: "🍏",
                name: "green apple",
            },
            Emoji {
                glyph: "🍎",
                name: "red apple",
            },
            Emoji {
                glyph: "🍐",
                name: "pear",
            },
            Emoji {
                glyph: "🍊",
                name: "tangerine",
            },
            Emoji {
                glyph: "🍋",
                name: "lemon",
            },
            Emoji {
                glyph: "🍌",
                name: "banana",
            },
            Emoji {
                glyph: "🍉",
                name: "watermelon",
            },
            Emoji {
                glyph: "🍇",
                name: "grapes",
            },
            Emoji {
                glyph: "🍓",
                name: "strawberry",
            },
            Emoji {
                glyph: "🍈",
                name: "melon",
            },
            Emoji {
                glyph: "🍒",
                name: "cherries",
            },
            Emoji {
                glyph: "🍑",
                name: "peach",
            },
            Emoji {
                glyph: "🥭",
                name: "mango",
            },
            Emoji {
                glyph: "🍍",
                name: "pineapple",
            },
            Emoji {
                glyph: "🥥",
                name: "coconut",
            },
            Emoji {
                glyph: "🥝",
                name: "kiwifruit",
            },
            Emoji {
                glyph: "🍅",
                name: "tomato",
            },
            Emoji {
                glyph: "🍆",
                name: "aubergine",
            },
            Emoji {
                glyph: "🥑",
                name: "avocado",
            },
            Emoji {
                glyph: "🥦",
                name: "broccoli",
            },
            Emoji {
                glyph: "🥒",
                name: "cucumber",
            },
            Emoji {
                glyph: "🌶\u{fe0f}",
                name: "hot pepper",
            },
            Emoji {
                glyph: "🌽",
                name: "ear of maize",
            },
            Emoji {
                glyph: "🥕",
                name: "carrot",
            },
            Emoji {
                glyph: "🥔",
                name: "potato",
            },
            Emoji {
                glyph: "🥐",
                name: "croissant",
            },
            Emoji {
                glyph: "🍞",
                name: "bread",
            },
            Emoji {
                glyph: "🥖",
                name: "baguette bread",
            },
            Emoji {
                glyph: "🧀",
                name: "cheese wedge",
            },
            Emoji {
                glyph: "🥚",
                name: "egg",
            },
            Emoji {
                glyph: "🍳",
                name: "cooking",
            },
            Emoji {
                glyph: "🥞",
                name: "pancakes",
            },
            Emoji {
                glyph: "🥓",
                name: "bacon",
            },
            Emoji {
                glyph: "🍗",
                name: "poultry leg",
            },
            Emoji {
                glyph: "🍖",
                name: "meat on bone",
            },
            Emoji {
                glyph: "🌭",
                name: "hot dog",
            },
            Emoji {
                glyph: "🍔",
                name: "hamburger",
            },
            Emoji {
                glyph: "🍟",
                name: "french fries",
            },
            Emoji {
                glyph: "🍕",
                name: "slice of pizza",
            },
            Emoji {
                glyph: "🥪",
                name: "sandwich",
            },
            Emoji {
                glyph: "🌮",
                name: "taco",
            },
            Emoji {
                glyph: "🌯",
                name: "burrito",
            },
            Emoji {
                glyph: "🥗",
                name: "green salad",
            },
            Emoji {
                glyph: "🍝",
                name: "spaghetti",
            },
            Emoji {
                glyph: "🍜",
                name: "steaming bowl",
            },
            Emoji {
                glyph: "🍲",
                name: "pot of food",
            },
            Emoji {
                glyph: "🍛",
                name: "curry and rice",
            },
            Emoji {
                glyph: "🍣",
                name: "sushi",
            },
            Emoji {
                glyph: "🍱",
                name: "bento box",
            },
            Emoji {
                glyph: "🥟",
                name: "dumpling",
            },
            Emoji {
                glyph: "🍤",
                name: "fried shrimp",
            },
            Emoji {
                glyph: "🍙",
                name: "rice ball",
            },
            Emoji {
                glyph: "🍚",
                name: "cooked rice",
            },
            Emoji {
                glyph: "🍘",
                name: "rice cracker",
            },
            Emoji {
                glyph: "🍥",
                name: "fish cake with swirl design",
            },
            Emoji {
                glyph: "🍦",
                name: "soft ice cream",
            },
            Emoji {
                glyph: "🍧",
                name: "shaved ice",
            },
            Emoji {
                glyph: "🍨",
                name: "ice cream",
            },
            Emoji {
                glyph: "🍩",
                name: "doughnut",
            },
            Emoji {
                glyph: "🍪",
                name: "cookie",
            },
            Emoji {
                glyph: "🎂",
                name: "birthday cake",
            },
            Emoji {
                glyph: "🍰",
                name: "shortcake",
            },
            Emoji {
                glyph: "🧁",
                name: "cupcake",
            },
            Emoji {
                glyph: "🍫",
                name: "chocolate bar",
            },
            Emoji {
                glyph: "🍬",
                name: "candy",
            },
            Emoji {
                glyph: "🍭",
                name: "lollipop",
            },
            Emoji {
                glyph: "🍮",
                name: "custard",
            },
            Emoji {
                glyph: "🍯",
                name: "honey pot",
            },
            Emoji {
                glyph: "🍼",
                name: "baby bottle",
            },
            Emoji {
                glyph: "☕",
                name: "hot beverage coffee",
            },
            Emoji {
                glyph: "🍵",
                name: "teacup without handle",
            },
            Emoji {
                glyph: "🥤",
                name: "cup with straw",
            },
            Emoji {
                glyph: "🍺",
                name: "beer mug",
            },
            Emoji {
                glyph: "🍻",
                name: "clinking beer mugs",
            },
            Emoji {
                glyph: "🥂",
                name: "clinking glasses",
            },
            Emoji {
                glyph: "🍷",
                name: "wine glass",
            },
            Emoji {
                glyph: "🥃",
                name: "tumbler glass",
            },
            Emoji {
                glyph: "🍸",
                name: "cocktail glass",
            },
            Emoji {
                glyph: "🍹",
                name: "tropical drink",
            },
            Emoji {
                glyph: "🍾",
                name: "bottle with popping cork",
            },
        ],
    },
    Category {
        name: "Activities",
        icon: "⚽",
        emoji: &[
            Emoji {
                glyph: "⚽",
                name: "soccer ball football",
            },
            Emoji {
                glyph: "🏀",
                name: "basketball and hoop",
            },
            Emoji {
                glyph: "🏈",
                name: "american football",
            },
            Emoji {
                glyph: "⚾",
                name: "baseball",
            },
            Emoji {
                glyph: "🎾",
                name: "tennis racquet and ball",
            },
            Emoji {
                glyph: "🏐",
                name: "volleyball",
            },
            Emoji {
                glyph: "🏉",
                name: "rugby football",
            },
            Emoji {
                glyph: "🎱",
                name: "billiards",
            },
            Emoji {
                glyph: "🏓",
                name: "table tennis paddle and ball",
            },
            Emoji {
                glyph: "🏸",
                name: "badminton racquet and shuttlecock",
            },
            Emoji {
                glyph: "🥊",
                name: "boxing glove",
            },
            Emoji {
                glyph: "🥋",
                name: "martial arts uniform",
            },
            Emoji {
                glyph: "⛳",
                name: "flag in hole golf",
            },
            Emoji {
                glyph: "⛸\u{fe0f}",
                name: "ice skate",
            },
            Emoji {
                glyph: "🎣",
                name: "fishing pole and fish",
            },
            Emoji {
                glyph: "🎿",
                name: "ski and ski boot",
            },
            Emoji {
                glyph: "🏂",
                name: "snowboarder",
            },
            Emoji {
                glyph: "🏋\u{fe0f}",
                name: "weight lifter",
            },
            Emoji {
                glyph: "🚴",
                name: "bicyclist",
            },
            Emoji {
                glyph: "🏆",
                name: "trophy",
            },
            Emoji {
                glyph: "🥇",
                name: "first place medal",
            },
            Emoji {
                glyph: "🥈",
                name: "second place medal",
            },
            Emoji {
                glyph: "🥉",
                name: "third place medal",
            },
            Emoji {
                glyph: "🏅",
                name: "sports medal",
            },
            Emoji {
                glyph: "🎖\u{fe0f}",
                name: "military medal",
            },
            Emoji {
                glyph: "🎫",
                name: "ticket",
            },
            Emoji {
                glyph: "🎟\u{fe0f}",
                name: "admission tickets",
            },
            Emoji {
                glyph: "🎭",
                name: "performing arts",
            },
            Emoji {
                glyph: "🎨",
                name: "artist palette",
            },
            Emoji {
                glyph: "🎬",
                name: "clapper board",
            },
            Emoji {
                glyph: "🎤",
                name: "microphone",
            },
            Emoji {
                glyph: "🎧",
                name: "headphone",
            },
            Emoji {
                glyph: "🎼",
                name: "musical score",
            },
            Emoji {
                glyph: "🎹",
                name: "musical keyboard",
            },
            Emoji {
                glyph: "🥁",
                name: "drum with drumsticks",
            },
            Emoji {
                glyph: "🎷",
                name: "saxophone",
            },
            Emoji {
                glyph: "🎺",
                name: "trumpet",
            },
            Emoji {
                glyph: "🎸",
                name: "guitar",
            },
            Emoji {
                glyph: "🎻",
                name: "violin",
            },
            Emoji {
                glyph: "🎲",
                name: "game die",
            },
            Emoji {
                glyph: "🎯",
                name: "direct hit",
            },
            Emoji {
                glyph: "🎳",
                name: "bowling",
            },
            Emoji {
                glyph: "🎮",
                name: "video game",
            },
            Emoji {
                glyph: "🎰",
                name: "slot machine",
            },
            Emoji {
                glyph: "🧩",
                name: "jigsaw puzzle piece",
            },
            Emoji {
                glyph: "🎉",
                name: "party popper tada",
            },
            Emoji {
                glyph: "🎊",
                name: "confetti ball",
            },
            Emoji {
                glyph: "🎈",
                name: "balloon",
            },
            Emoji {
                glyph: "🎁",
                name: "wrapped present",
            },
            Emoji {
                glyph: "🎀",
                name: "ribbon",
            },
        ],
    },
    Category {
        name: "Travel & places",
        icon: "🚗",
        emoji: &[
            Emoji {
                glyph: "🚗",
                name: "automobile",
            },
            Emoji {
                glyph: "🚕",
                name: "taxi",
            },
            Emoji {
                glyph: "🚙",
                name: "recreational vehicle",
            },
            Emoji {
                glyph: "🚌",
                name: "bus",
            },
            Emoji {
                glyph: "🚎",
                name: "trolleybus",
            },
            Emoji {
                glyph: "🏎\u{fe0f}",
                name: "racing car",
            },
            Emoji {
                glyph: "🚓",
                name: "police car",
            },
            Emoji {
                glyph: "🚑",
                name: "ambulance",
            },
            Emoji {
                glyph: "🚒",
                name: "fire engine",
            },
            Emoji {
                glyph: "🚐",
                name: "minibus",
            },
            Emoji {
                glyph: "🚚",
                name: "delivery truck",
            },
            Emoji {
                glyph: "🚜",
                name: "tractor",
            },
            Emoji {
                glyph: "🛵",
                name: "motor scooter",
            },
            Emoji {
                glyph: "🚲",
                name: "bicycle",
            },
            Emoji {
                glyph: "🛴",
                name: "scooter",
            },
            Emoji {
                glyph: "🚨",
                name: "police cars revolving light",
            },
            Emoji {
                glyph: "🚔",
                name: "oncoming police car",
            },
            Emoji {
                glyph: "🚍",
                name: "oncoming bus",
            },
            Emoji {
                glyph: "🚘",
                name: "oncoming automobile",
            },
            Emoji {
                glyph: "🚖",
                name: "oncoming taxi",
            },
            Emoji {
                glyph: "✈\u{fe0f}",
                name: "airplane",
            },
            Emoji {
                glyph: "🛫",
                name: "airplane departure",
            },
            Emoji {
                glyph: "🛬",
                name: "airplane arriving",
            },
            Emoji {
                glyph: "🚀",
                name: "rocket",
            },
            Emoji {
                glyph: "🛸",
                name: "flying saucer",
            },
            Emoji {
                glyph: "🚁",
                name: "helicopter",
            },
            Emoji {
                glyph: "⛵",
                name: "sailboat",
            },
            Emoji {
                glyph: "🚤",
                name: "speedboat",
            },
            Emoji {
                glyph: "🚢",
                name: "ship",
            },
            Emoji {
                glyph: "⚓",
                name: "anchor",
            },
            Emoji {
                glyph: "🚧",
                name: "construction sign",
            },
            Emoji {
                glyph: "⛽",
                name: "fuel pump",
            },
            Emoji {
                glyph: "🚦",
                name: "vertical traffic light",
            },
            Emoji {
                glyph: "🗺\u{fe0f}",
                name: "world map",
            },
            Emoji {
                glyph: "🗽",
                name: "statue of liberty",
            },
            Emoji {
                glyph: "🗼",
                name: "tokyo tower",
            },
            Emoji {
                glyph: "🏰",
                name: "european castle",
            },
            Emoji {
                glyph: "🏯",
                name: "japanese castle",
            },
            Emoji {
                glyph: "🏟\u{fe0f}",
                name: "stadium",
            },
            Emoji {
                glyph: "🎡",
                name: "ferris wheel",
            },
            Emoji {
                glyph: "🎢",
                name: "roller coaster",
            },
            Emoji {
                glyph: "🎠",
                name: "carousel horse",
            },
            Emoji {
                glyph: "⛲",
                name: "fountain",
            },
            Emoji {
                glyph: "🏖\u{fe0f}",
                name: "beach with umbrella",
            },
            Emoji {
                glyph: "🏝\u{fe0f}",
                name: "desert island",
            },
            Emoji {
                glyph: "🏜\u{fe0f}",
                name: "desert",
            },
            Emoji {
                glyph: "🌋",
                name: "volcano",
            },
            Emoji {
                glyph: "⛰\u{fe0f}",
                name: "mountain",
            },
            Emoji {
                glyph: "🏔\u{fe0f}",
                name: "snow capped mountain",
            },
            Emoji {
                glyph: "🗻",
                name: "mount fuji",
            },
            Emoji {
                glyph: "🏕\u{fe0f}",
                name: "camping",
            },
            Emoji {
                glyph: "🏠",
                name: "house building",
            },
            Emoji {
                glyph: "🏡",
                name: "house with garden",
            },
            Emoji {
                glyph: "🏢",
                name: "office building",
            },
            Emoji {
                glyph: "🏥",
                name: "hospital",
            },
            Emoji {
                glyph: "🏦",
                name: "bank",
            },
            Emoji {
                glyph: "🏨",
                name: "hotel",
            },
            Emoji {
                glyph: "🏪",
                name: "convenience store",
            },
            Emoji {
                glyph: "🏫",
                name: "school",
            },
            Emoji {
                glyph: "⛪",
                name: "church",
            },
            Emoji {
                glyph: "🕌",
                name: "mosque",
            },
            Emoji {
                glyph: "🌃",
                name: "night with stars",
            },
            Emoji {
                glyph: "🌆",
                name: "cityscape at dusk",
            },
            Emoji {
                glyph: "🌇",
                name: "sunset over buildings",
            },
            Emoji {
                glyph: "🌉",
                name: "bridge at night",
            },
        ],
    },
    Category {
        name: "Objects",
        icon: "💡",
        emoji: &[
            Emoji {
                glyph: "⌚",
                name: "watch",
            },
            Emoji {
                glyph: "📱",
                name: "mobile phone",
            },
            Emoji {
                glyph: "💻",
                name: "personal computer",
            },
            Emoji {
                glyph: "⌨\u{fe0f}",
                name: "keyboard",
            },
            Emoji {
                glyph: "🖥\u{fe0f}",
                name: "desktop computer",
            },
            Emoji {
                glyph: "🖨\u{fe0f}",
                name: "printer",
            },
            Emoji {
                glyph: "🖱\u{fe0f}",
                name: "three button mouse",
            },
            Emoji {
                glyph: "💾",
                name: "floppy disk",
            },
            Emoji {
                glyph: "💿",
                name: "optical disc",
            },
            Emoji {
                glyph: "📷",
                name: "camera",
            },
            Emoji {
                glyph: "📸",
                name: "camera with flash",
            },
            Emoji {
                glyph: "📹",
                name: "video camera",
            },
            Emoji {
                glyph: "🎥",
                name: "movie camera",
            },
            Emoji {
                glyph: "📞",
                name: "telephone receiver",
            },
            Emoji {
                glyph: "☎\u{fe0f}",
                name: "telephone",
            },
            Emoji {
                glyph: "📺",
                name: "television",
            },
            Emoji {
                glyph: "📻",
                name: "radio",
            },
            Emoji {
                glyph: "⏰",
                name: "alarm clock",
            },
            Emoji {
                glyph: "⏳",
                name: "hourglass",
            },
            Emoji {
                glyph: "⌛",
                name: "hourglass done",
            },
            Emoji {
                glyph: "📡",
                name: "satellite antenna",
            },
            Emoji {
                glyph: "🔋",
                name: "battery",
            },
            Emoji {
                glyph: "🔌",
                name: "electric plug",
            },
            Emoji {
                glyph: "💡",
                name: "electric light bulb",
            },
            Emoji {
                glyph: "🔦",
                name: "electric torch",
            },
            Emoji {
                glyph: "🕯\u{fe0f}",
                name: "candle",
            },
            Emoji {
                glyph: "💸",
                name: "money with wings",
            },
            Emoji {
                glyph: "💵",
                name: "banknote with dollar sign",
            },
            Emoji {
                glyph: "💰",
                name: "money bag",
            },
            Emoji {
                glyph: "💳",
                name: "credit card",
            },
            Emoji {
                glyph: "💎",
                name: "gem stone",
            },
            Emoji {
                glyph: "⚖\u{fe0f}",
                name: "balance scale",
            },
            Emoji {
                glyph: "🔧",
                name: "wrench",
            },
            Emoji {
                glyph: "🔨",
                name: "hammer",
            },
            Emoji {
                glyph: "⚒\u{fe0f}",
                name: "hammer and pick",
            },
            Emoji {
                glyph: "🛠\u{fe0f}",
                name: "hammer and wrench",
            },
            Emoji {
                glyph: "⛏\u{fe0f}",
                name: "pick",
            },
            Emoji {
                glyph: "🔩",
                name: "nut and bolt",
            },
            Emoji {
                glyph: "⚙\u{fe0f}",
                name: "gear",
            },
            Emoji {
                glyph: "💣",
                name: "bomb",
            },
            Emoji {
                glyph: "🔪",
                name: "hocho",
            },
            Emoji {
                glyph: "🗡\u{fe0f}",
                name: "dagger knife",
            },
            Emoji {
                glyph: "⚔\u{fe0f}",
                name: "crossed swords",
            },
            Emoji {
                glyph: "🛡\u{fe0f}",
                name: "shield",
            },
            Emoji {
                glyph: "🔮",
                name: "crystal ball",
            },
            Emoji {
                glyph: "💈",
                name: "barber pole",
            },
            Emoji {
                glyph: "🔭",
                name: "telescope",
            },
            Emoji {
                glyph: "🔬",
                name: "microscope",
            },
            Emoji {
                glyph: "💊",
                name: "pill",
            },
            Emoji {
                glyph: "💉",
                name: "syringe",
            },
            Emoji {
                glyph: "🌡\u{fe0f}",
                name: "thermometer",
            },
            Emoji {
                glyph: "🚽",
                name: "toilet",
            },
            Emoji {
                glyph: "🛁",
                name: "bathtub",
            },
            Emoji {
                glyph: "🔑",
                name: "key",
            },
            Emoji {
                glyph: "🗝\u{fe0f}",
                name: "old key",
            },
            Emoji {
                glyph: "🚪",
                name: "door",
            },
            Emoji {
                glyph: "🛋\u{fe0f}",
                name: "couch and lamp",
            },
            Emoji {
                glyph: "🛏\u{fe0f}",
                name: "bed",
            },
            Emoji {
                glyph: "🧸",
                name: "teddy bear",
            },
            Emoji {
                glyph: "🖼\u{fe0f}",
                name: "frame with picture",
            },
            Emoji {
                glyph: "🛍\u{fe0f}",
                name: "shopping bags",
            },
            Emoji {
                glyph: "🛒",
                name: "shopping trolley",
            },
            Emoji {
                glyph: "✉\u{fe0f}",
                name: "envelope",
            },
            Emoji {
                glyph: "📩",
                name: "envelope with downwards arrow above",
            },
            Emoji {
                glyph: "📨",
                name: "incoming envelope",
            },
            Emoji {
                glyph: "📧",
                name: "e-mail symbol",
            },
            Emoji {
                glyph: "💌",
                name: "love letter",
            },
            Emoji {
                glyph: "📦",
                name: "package",
            },
            Emoji {
                glyph: "📫",
                name: "closed mailbox with raised flag",
            },
            Emoji {
                glyph: "📮",
                name: "postbox",
            },
            Emoji {
                glyph: "📝",
                name: "memo",
            },
            Emoji {
                glyph: "📁",
                name: "file folder",
            },
            Emoji {
                glyph: "📂",
                name: "open file folder",
            },
            Emoji {
                glyph: "📅",
                name: "calendar",
            },
            Emoji {
                glyph: "📆",
                name: "tear-off calendar",
            },
            Emoji {
                glyph: "📌",
                name: "pushpin",
            },
            Emoji {
                glyph: "📍",
                name: "round pushpin",
            },
            Emoji {
                glyph: "✂\u{fe0f}",
                name: "scissors",
            },
            Emoji {
                glyph: "🖊\u{fe0f}",
                name: "lower left ballpoint pen",
            },
            Emoji {
                glyph: "🖋\u{fe0f}",
                name: "lower left fountain pen",
            },
            Emoji {
                glyph: "✒\u{fe0f}",
                name: "black nib",
            },
            Emoji {
                glyph: "📏",
                name: "straight ruler",
            },
            Emoji {
                glyph: "📐",
                name: "triangular ruler",
            },
            Emoji {
                glyph: "📚",
                name: "books",
            },
            Emoji {
                glyph: "📖",
                name: "open book",
            },
            Emoji {
                glyph: "🔖",
                name: "bookmark",
            },
            Emoji {
                glyph: "🔗",
                name: "link symbol",
            },
            Emoji {
                glyph: "📎",
                name: "paperclip",
            },
            Emoji {
                glyph: "🔒",
                name: "lock",
            },
            Emoji {
                glyph: "🔓",
                name: "open lock",
            },
        ],
    },
];
