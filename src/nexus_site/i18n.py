"""Interface strings of the generated pages, per language. Content texts live in the curriculum."""

from __future__ import annotations

from nexus_site.curriculum.model import Lang

UI: dict[Lang, dict[str, str]] = {
    "ja": {
        "home": "ホーム",
        "search": "検索",
        "search_placeholder": "レッスンを検索(例: 連合学習、LSTM)",
        "search_close": "検索を閉じる",
        "search_series": "シリーズ",
        "search_all_series": "すべてのシリーズ",
        "search_lessons": "レッスン",
        "search_pages": "シリーズ・その他のページ",
        "search_guide": "著者向けガイド",
        "search_none": "「{q}」に一致するページはありません。",
        "search_count": "{n}件",
        "search_error": "検索を読み込めませんでした。ページを再読み込みしてください。",
        "series": "シリーズ",
        "series_menu": "シリーズ別メニュー",
        "latest": "最新コンテンツ",
        "latest_series": "このシリーズの最新コンテンツ",
        "no_latest": "公開済みのコンテンツはまだありません。",
        "how_to_use": "このサイトの見方・使い方",
        "start_map": "全体マップから始める",
        "choose_series": "シリーズを選ぶ",
        "about": "{name}とは",
        "contact_button": "お問い合わせ",
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
        "preparing": "準備中",
        "preparing_long": "このコンテンツは準備中です",
        "published_count": "{done} / {total} 回 公開",
        "no_lessons": "このシリーズのレッスン一覧は準備中です。",
        "no_lessons_series": "このシリーズのレッスンは準備中です。公開されたら、ホームの最新コンテンツとフィードでお知らせします。",
        "no_lessons_subseries": "分野別シリーズは準備中です。公開されたら、ホームの最新コンテンツとフィードでお知らせします。",
        "meanwhile": "いま学べること",
        "feed": "フィード(Atom)",
        "subseries": "分野別シリーズ",
        "lesson_number": "第{n}回",
        "lesson_number_ongoing": "第{n}回〜",
        "part_number": "第{n}部",
        "sub_lessons": "このレッスンの詳細(深掘り)",
        "section": "このページ内",
        "copy_code": "コードをコピー",
        "copied": "コピーしました",
        "permalink": "この見出しへのリンク",
        "prev": "前へ",
        "next": "次へ",
        "prev_published": "前の公開回",
        "next_published": "次の公開回",
        "series_contents": "シリーズの目次へ",
        "skipped": "{lessons}は準備中",
        "lesson_range": "第{a}–{b}回",
        "published_on": "公開日",
        "updated_on": "更新日",
        "disclaimer_short": (
            "本コンテンツは学習目的の一般的な情報であり、医学的助言ではありません。"
            "臨床判断は必ず担当の医療専門家が行ってください。"
        ),
        "disclaimer": "免責事項・注意事項等",
        "terms": "ご利用規約",
        "open_in_colab": "Colabで開く",
        "download_notebook": "ノートブックをダウンロード",
        "breadcrumbs": "パンくずリスト",
        "published": "公開中",
        "map_outline": "一覧で見る",
        "map_open": "ページを開く",
        "map_legend": "凡例",
        "map_zoom_hint": "拡大・縮小は Ctrl(Mac は ⌘)+ ホイール、2本指、またはボタンで",
        "map_find": "マップ内を検索(例: P15、連合)",
        "map_show": "マップで見る",
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
        "japanese_only_short": "日本語",
        "fallback_page_notice": "このページはまだ翻訳されていません。原文を表示しています。",
    },
    "en": {
        "home": "Home",
        "search": "Search",
        "search_placeholder": "Search the lessons (e.g. federated learning, LSTM)",
        "search_close": "Close search",
        "search_series": "Series",
        "search_all_series": "All series",
        "search_lessons": "Lessons",
        "search_pages": "Series and other pages",
        "search_guide": "Guide for authors",
        "search_none": "No page matches “{q}”.",
        "search_count": "{n} results",
        "search_error": "Search could not be loaded. Please reload the page.",
        "series": "Series",
        "series_menu": "Course series",
        "latest": "Latest content",
        "latest_series": "Latest in this series",
        "no_latest": "Nothing has been published yet.",
        "how_to_use": "How to use this site",
        "start_map": "Start with the map",
        "choose_series": "Choose a series",
        "about": "About {name}",
        "contact_button": "Get in touch",
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
        "preparing": "In preparation",
        "preparing_long": "This content is in preparation",
        "published_count": "{done} of {total} lessons published",
        "no_lessons": "The lessons of this series are in preparation.",
        "no_lessons_series": "The lessons of this series are in preparation. When they are published, the latest content on the home page and the feed will say so.",
        "no_lessons_subseries": "The subject-area series are in preparation. When they are published, the latest content on the home page and the feed will say so.",
        "meanwhile": "What you can study now",
        "feed": "Atom feed",
        "subseries": "Field-specific series",
        "lesson_number": "Lesson {n}",
        "lesson_number_ongoing": "Lesson {n}+",
        "part_number": "Part {n}",
        "sub_lessons": "Deep dives in this lesson",
        "section": "on this page",
        "copy_code": "Copy the code",
        "copied": "Copied",
        "permalink": "Link to this heading",
        "prev": "Previous",
        "next": "Next",
        "prev_published": "Previous published lesson",
        "next_published": "Next published lesson",
        "series_contents": "Back to the series",
        "skipped": "{lessons} in preparation",
        "lesson_range": "Lessons {a}–{b}",
        "published_on": "Published",
        "updated_on": "Updated",
        "disclaimer_short": (
            "This content is general information for learning, not medical advice. "
            "Clinical decisions must always be made by the responsible healthcare professional."
        ),
        "disclaimer": "Disclaimer and notes",
        "terms": "Terms of use",
        "open_in_colab": "Open in Colab",
        "download_notebook": "Download notebook",
        "breadcrumbs": "Breadcrumbs",
        "published": "Published",
        "map_outline": "View as a list",
        "map_open": "Open page",
        "map_legend": "Legend",
        "map_zoom_hint": "To zoom: Ctrl (⌘ on a Mac) + wheel, two fingers, or the buttons",
        "map_find": "Find in the map (e.g. P15, federated)",
        "map_show": "Show in the map",
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
        "japanese_only_short": "Japanese",
        "fallback_page_notice": "This page has not been translated yet — showing the Japanese original.",
    },
}


def lesson_number(lang: Lang, number: int, *, ongoing: bool = False) -> str:
    key = "lesson_number_ongoing" if ongoing else "lesson_number"
    return UI[lang][key].format(n=number)


def lesson_numbers(lang: Lang, numbers: list[int]) -> str:
    """Numbered lessons as runs: ``第10–14回、第16回`` / ``Lessons 10–14, Lesson 16``."""
    runs: list[list[int]] = []
    for n in sorted(numbers):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    texts = [
        lesson_number(lang, r[0])
        if len(r) == 1
        else UI[lang]["lesson_range"].format(a=r[0], b=r[-1])
        for r in runs
    ]
    return ("、" if lang == "ja" else ", ").join(texts)


def part_number(lang: Lang, part_id: str) -> str:
    return UI[lang]["part_number"].format(n=part_id)
