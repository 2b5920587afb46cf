"""Interface strings of the generated pages, per language. Content texts live in the curriculum."""

from __future__ import annotations

from nexus_site.model import Lang

UI: dict[Lang, dict[str, str]] = {
    "ja": {
        "home": "ホーム",
        "series": "シリーズ",
        "series_menu": "シリーズ別メニュー",
        "latest": "最新コンテンツ",
        "latest_series": "このシリーズの最新コンテンツ",
        "no_latest": "公開済みのコンテンツはまだありません。",
        "how_to_use": "このサイトの見方・使い方",
        "step": "STEP",
        "worries": "あなたの「悩み」と「目標」",
        "answers": "解決策となる学習コンテンツ",
        "instructor": "講師・管理人",
        "overview": "コース概要",
        "summary": "コース概要",
        "audience": "対象者",
        "objectives": "目的と学習目標",
        "goal": "最終的なゴール",
        "item": "項目",
        "details": "内容",
        "purpose": "目的",
        "structure": "コースの構成",
        "map": "コースの全体像",
        "global_map": "Medical AI Nexusの全体構成",
        "map_help": "操作方法",
        "map_list": "全体像をリストで見る",
        "preparing": "準備中",
        "preparing_long": "このコンテンツは準備中です",
        "published_count": "{done} / {total} 回 公開",
        "no_lessons": "このシリーズのレッスン一覧は準備中です。",
        "subseries": "分野別シリーズ",
        "lesson_number": "第{n}回",
        "lesson_number_ongoing": "第{n}回〜",
        "part_number": "第{n}部",
        "sub_lessons": "このレッスンの詳細(深掘り)",
        "section": "このページ内",
        "prev": "前へ",
        "next": "次へ",
        "published_on": "公開日",
        "disclaimer_short": (
            "本コンテンツは学習目的の一般的な情報であり、医学的助言ではありません。"
            "臨床判断は必ず担当の医療専門家が行ってください。"
        ),
        "disclaimer": "免責事項・注意事項等",
        "terms": "ご利用規約",
        "open_in_colab": "Colabで開く",
        "download_notebook": "ノートブックをダウンロード",
        "breadcrumbs": "パンくずリスト",
        "legend_published": "公開済み(リンクあり)",
        "legend_preparing": "準備中",
        "zoom_in": "拡大",
        "zoom_out": "縮小",
        "fit": "全体を表示",
        "expand_all": "すべて展開",
        "collapse_all": "すべて折りたたむ",
        "fullscreen": "全画面表示",
        "map_label": "カリキュラムのマインドマップ",
        "fallback_notice": "このレッスンはまだ翻訳されていません。原文を表示しています。",
        "fallback_title": "翻訳準備中",
        "japanese_only": "日本語のみ",
    },
    "en": {
        "home": "Home",
        "series": "Series",
        "series_menu": "Course series",
        "latest": "Latest content",
        "latest_series": "Latest in this series",
        "no_latest": "Nothing has been published yet.",
        "how_to_use": "How to use this site",
        "step": "STEP",
        "worries": "Your concern or goal",
        "answers": "Where to start",
        "instructor": "Instructor",
        "overview": "Course overview",
        "summary": "Course overview",
        "audience": "Who it is for",
        "objectives": "Purpose and learning objectives",
        "goal": "Final goal",
        "item": "Item",
        "details": "Details",
        "purpose": "Purpose",
        "structure": "Course structure",
        "map": "Course map",
        "global_map": "The whole of Medical AI Nexus",
        "map_help": "How to use the map",
        "map_list": "Show the map as a list",
        "preparing": "In preparation",
        "preparing_long": "This content is in preparation",
        "published_count": "{done} of {total} lessons published",
        "no_lessons": "The lessons of this series are in preparation.",
        "subseries": "Field-specific series",
        "lesson_number": "Lesson {n}",
        "lesson_number_ongoing": "Lesson {n}+",
        "part_number": "Part {n}",
        "sub_lessons": "Deep dives in this lesson",
        "section": "on this page",
        "prev": "Previous",
        "next": "Next",
        "published_on": "Published",
        "disclaimer_short": (
            "This content is general information for learning, not medical advice. "
            "Clinical decisions must always be made by the responsible healthcare professional."
        ),
        "disclaimer": "Disclaimer and notes",
        "terms": "Terms of use",
        "open_in_colab": "Open in Colab",
        "download_notebook": "Download notebook",
        "breadcrumbs": "Breadcrumbs",
        "legend_published": "Published (linked)",
        "legend_preparing": "In preparation",
        "zoom_in": "Zoom in",
        "zoom_out": "Zoom out",
        "fit": "Fit to view",
        "expand_all": "Expand all",
        "collapse_all": "Collapse all",
        "fullscreen": "Full screen",
        "map_label": "Curriculum mind map",
        "fallback_notice": (
            "This lesson has not been translated yet — showing the Japanese original."
        ),
        "fallback_title": "Translation in preparation",
        "japanese_only": "In Japanese only, for now",
    },
}


def lesson_number(lang: Lang, number: int, *, ongoing: bool = False) -> str:
    key = "lesson_number_ongoing" if ongoing else "lesson_number"
    return UI[lang][key].format(n=number)


def part_number(lang: Lang, part_id: str) -> str:
    return UI[lang]["part_number"].format(n=part_id)
