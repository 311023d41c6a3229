"""Concept matching in Spanish, Russian, Arabic and Chinese, against the real template.

Each paragraph below is the kind of sentence a drafter writes in that language
(not a copy of a cue): inflected, with articles, clitics and particles, so the
test shows that the language rules in `drafting.checks.stemmers` bring text and
cues together — and that unrelated text still matches nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from drafting.checks import run_checks
from drafting.checks.concepts import ConceptSet, find_term
from drafting.checks.stemmers import fold, split_words, stem, variants
from drafting.letter import Block
from drafting.templates.catalog import create_letter, load_template
from drafting.templates.model import Template

TEMPLATE_PATH = Path(__file__).resolve().parents[2] / "templates" / "minusma-six-monthly.xml"
LANGUAGES = ("es", "ru", "ar", "zh")

# (section, requirement id, paragraph) per language
PARAGRAPHS: dict[str, list[tuple[str, str, str]]] = {
    "es": [
        ("security", "ops.security",
         "La situación de seguridad siguió deteriorándose en Mopti, en el centro del país, donde los "
         "grupos armados terroristas multiplicaron los ataques con artefactos explosivos "
         "improvisados contra el personal de paz y la población civil."),
        ("rotation", "perf.rotation",
         "Durante el período, las rotaciones de los contingentes y de las unidades de policía "
         "constituidas se reanudaron tras su suspensión por la pandemia de COVID-19; cada "
         "relevo se efectuó tras una cuarentena de 14 días antes del despliegue en Malí."),
        ("coordination", "ops.coordination_body",
         "La Instancia de Coordinación en Malí se reunió tres veces durante el período para "
         "examinar el reparto de las responsabilidades en materia de seguridad entre las "
         "fuerzas nacionales, las fuerzas internacionales y la MINUSMA."),
        ("framework", "isf.resource_mobilization",
         "Para financiar las prioridades del marco, la Misión y el equipo de las Naciones "
         "Unidas en el país movilizaron recursos adicionales ante los asociados bilaterales y "
         "multilaterales; el Fondo para la Consolidación de la Paz aportó 14 millones de "
         "dólares, pero persiste un déficit de [30] millones."),
        ("exit", "exit.criteria.g5_sahel",
         "La Fuerza Conjunta del Grupo de los Cinco del Sahel siguió avanzando en su puesta en "
         "funcionamiento: la MINUSMA le suministró raciones, combustible y evacuaciones "
         "médicas con arreglo al acuerdo técnico."),
        ("exit", "exit.criteria.agreement",
         "Las partes signatarias avanzaron en la aplicación del Acuerdo para la Paz y la "
         "Reconciliación en Malí: el Comité de Seguimiento del Acuerdo volvió a reunirse en "
         "Kidal y [1.330] excombatientes se integraron en el ejército."),
    ],
    "ru": [
        ("security", "ops.security",
         "Обстановка в плане безопасности в районе Мопти продолжала ухудшаться, и "
         "террористические группы совершали нападения на миротворцев и мирных жителей с "
         "применением самодельных взрывных устройств."),
        ("rotation", "perf.rotation",
         "В отчетный период ротация воинских контингентов и сформированных полицейских "
         "подразделений возобновилась после приостановки, вызванной пандемией COVID-19; "
         "перед прибытием в Мали весь персонал проходил 14-дневный карантин."),
        ("coordination", "ops.coordination_body",
         "Координационный орган в Мали провел в течение периода три заседания, на которых "
         "обсуждалось распределение обязанностей в сфере безопасности между национальными и "
         "международными силами и МИНУСМА."),
        ("framework", "isf.resource_mobilization",
         "Для финансирования приоритетов рамочной программы Миссия и страновая группа "
         "продолжали мобилизацию ресурсов у двусторонних и многосторонних партнеров; Фонд "
         "миростроительства выделил 14 млн долл. США, однако дефицит по-прежнему составляет "
         "[30] млн долл."),
        ("exit", "exit.criteria.g5_sahel",
         "Объединенные силы Группы пяти стран Сахеля добились ощутимого прогресса: МИНУСМА "
         "поставляла им продовольственные пайки и топливо и обеспечивала медицинскую "
         "эвакуацию в соответствии с техническим соглашением."),
        ("exit", "exit.criteria.agreement",
         "Стороны, подписавшие Соглашение о мире и примирении в Мали, продвинулись в его "
         "осуществлении: Комитет по контролю за осуществлением Соглашения вновь собрался в "
         "Кидале."),
    ],
    "ar": [
        ("security", "ops.security",
         "وواصلت الحالة الأمنية تدهورها في وسط البلد، حيث كثفت الجماعات الإرهابية المسلحة "
         "هجماتها بالأجهزة المتفجرة المرتجلة على حفظة السلام والسكان المدنيين."),
        ("rotation", "perf.rotation",
         "وخلال الفترة المشمولة بالتقرير، استؤنف تناوب الوحدات العسكرية ووحدات الشرطة "
         "المشكلة بعد تعليقه بسبب جائحة كوفيد-19، وخضع جميع الأفراد القادمين لحجر صحي مدته "
         "14 يوما قبل وصولهم إلى مالي."),
        ("coordination", "ops.coordination_body",
         "وعقدت هيئة التنسيق في مالي ثلاثة اجتماعات خلال الفترة، ناقشت فيها توزيع "
         "المسؤوليات الأمنية بين القوات الوطنية والقوات الدولية والبعثة."),
        ("framework", "isf.resource_mobilization",
         "ولتمويل أولويات الإطار، واصلت البعثة وفريق الأمم المتحدة القطري تعبئة الموارد لدى "
         "الشركاء الثنائيين والمتعددي الأطراف، وقدم صندوق بناء السلام 14 مليون دولار، غير "
         "أن فجوة التمويل لا تزال تبلغ [30] مليون دولار."),
        ("exit", "exit.criteria.g5_sahel",
         "وأحرزت القوة المشتركة لمجموعة الدول الخمس لمنطقة الساحل تقدما ملموسا في تفعيلها، "
         "إذ زودتها البعثة بحصص الإعاشة والوقود وخدمات الإجلاء الطبي وفقا للاتفاق التقني."),
        ("exit", "exit.criteria.agreement",
         "وأحرزت الأطراف الموقعة تقدما في تنفيذ اتفاق السلام والمصالحة في مالي، إذ اجتمعت "
         "لجنة متابعة الاتفاق مجددا في كيدال، وأُدمج [1330] من المقاتلين السابقين في الجيش."),
    ],
    "zh": [
        ("security", "ops.security",
         "该国中部的安全局势继续恶化，恐怖主义武装团体使用简易爆炸装置袭击维和人员和平民的"
         "事件有所增加。"),
        ("rotation", "perf.rotation",
         "本报告所述期间，军事特遣队和建制警察部队的轮调在因2019冠状病毒病大流行暂停后恢复；"
         "所有新到人员在抵达马里之前均接受了14天的隔离。"),
        ("coordination", "ops.coordination_body",
         "马里协调机构在本期间举行了三次会议，讨论国家部队、国际部队和马里稳定团之间的安全"
         "责任分工。"),
        ("framework", "isf.resource_mobilization",
         "为了资助框架的各项优先事项，特派团和联合国国家工作队继续向双边和多边伙伴调动资源；"
         "建设和平基金提供了1 400万美元，但资金缺口仍为[3 000]万美元。"),
        ("exit", "exit.criteria.g5_sahel",
         "萨赫勒五国集团联合部队在投入运作方面取得了切实进展：马里稳定团根据技术协定向其提供"
         "了口粮、燃料和医疗后送支助。"),
        ("exit", "exit.criteria.agreement",
         "各签署方在执行《马里和平与和解协定》方面取得进展：协定监测委员会在基达尔再次开会。"),
    ],
}

# A paragraph about nothing the mandate asks for, per language.
UNRELATED: dict[str, str] = {
    "es": "El festival cultural de Tombuctú reunió a músicos y artesanos de toda la región, y "
          "el público disfrutó de tres noches de conciertos al aire libre junto al río.",
    "ru": "Культурный фестиваль в Томбукту собрал музыкантов и ремесленников со всего региона, "
          "и зрители три вечера подряд наслаждались концертами под открытым небом у реки.",
    "ar": "وجمع المهرجان الثقافي في تمبكتو موسيقيين وحرفيين من جميع أنحاء المنطقة، واستمتع "
          "الجمهور بثلاث أمسيات من الحفلات الموسيقية في الهواء الطلق على ضفاف النهر.",
    "zh": "廷巴克图文化节汇集了来自整个地区的音乐家和手工艺人，观众在河边连续三个晚上欣赏了"
          "露天音乐会。",
}

REQUIRED_IDS = {
    "isf.resource_mobilization", "perf.rotation", "exit.criteria.g5_sahel",
    "ops.coordination_body",
}


@pytest.fixture(scope="module")
def template() -> Template:
    return load_template(TEMPLATE_PATH)


def concepts(template: Template, lang: str) -> ConceptSet:
    return ConceptSet(template, lang)


def test_every_language_has_the_required_paragraphs() -> None:
    for lang in LANGUAGES:
        assert REQUIRED_IDS <= {rid for _s, rid, _t in PARAGRAPHS[lang]}, lang


@pytest.mark.parametrize(
    ("lang", "rid", "text"),
    [(lang, rid, text) for lang in LANGUAGES for _s, rid, text in PARAGRAPHS[lang]],
    ids=[f"{lang}-{rid}" for lang in LANGUAGES for _s, rid, _t in PARAGRAPHS[lang]],
)
def test_paragraph_is_detected_with_the_template_cues(
    template: Template, lang: str, rid: str, text: str
) -> None:
    hits = concepts(template, lang).match(text)
    assert rid in hits, sorted(hits)
    hit = hits[rid]
    # the evidence quotes real words of the paragraph
    assert 0 <= hit.start < hit.end <= len(text)
    assert text[hit.start:hit.end].strip()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_unrelated_paragraph_detects_nothing(template: Template, lang: str) -> None:
    assert concepts(template, lang).match(UNRELATED[lang]) == {}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_full_check_of_a_letter_in_each_language(template: Template, lang: str) -> None:
    letter = create_letter(template, lang)
    for section_id, _rid, text in PARAGRAPHS[lang]:
        letter.section(section_id).blocks.append(Block.from_text(text))
    unrelated = Block.from_text(UNRELATED[lang])
    letter.section("framework").blocks.append(unrelated)
    result = run_checks(letter, template)
    for section_id, rid, _text in PARAGRAPHS[lang]:
        status = result.requirement(rid)
        assert status.status == "covered" and status.source == "detected", (lang, rid)
        assert section_id in {e.section for e in status.evidence}
    # the unrelated paragraph is evidence for nothing, and the opening boilerplate
    # (which names every topic) is not evidence either
    for status in result.requirements:
        assert all(e.block_id != unrelated.id for e in status.evidence), status.id
        assert all(e.section != "opening" for e in status.evidence), status.id
    assert "perf.caveats" in result.missing()


def test_minusma_name_is_not_a_stability_criterion(template: Template) -> None:
    # "马里稳定团" and "لتحقيق الاستقرار في مالي" name the Mission; they say nothing
    # about whether Mali is stable
    for lang, text in (
        ("zh", "马里稳定团向当地学校捐赠了课本。"),
        ("ar", "قدمت بعثة الأمم المتحدة المتكاملة المتعددة الأبعاد لتحقيق الاستقرار في مالي كتبا "
               "للمدارس المحلية."),
    ):
        hits = concepts(template, lang).match(text)
        assert "exit.criteria.security_political" not in hits, (lang, hits)


# -- the language rules themselves ------------------------------------------


@pytest.mark.parametrize(
    ("lang", "forms"),
    [
        ("es", ["movilización", "movilizaciones", "movilizar", "movilizaron"]),
        ("es", ["rotación", "rotaciones"]),
        ("es", ["Fuerza", "fuerzas"]),
        ("ru", ["ротация", "ротации", "ротацию", "ротацией", "ротаций", "ротациями"]),
        ("ru", ["координационный", "координационного", "координационному",
                "координационном", "координационных"]),
        ("ru", ["Сахель", "Сахеля", "Сахелем"]),
        ("ar", ["البعثة", "بعثة", "بالبعثة", "للبعثة"]),
        ("ar", ["الأمنية", "أمني"]),
        ("ar", ["الموارد", "موارد", "والموارد"]),
    ],
)
def test_inflected_forms_share_a_stem(lang: str, forms: list[str]) -> None:
    # a text word stands for its stem and, in Arabic, the stems of its bare-clitic variants
    keys = [{stem(form, lang), *variants(form, lang)} for form in forms]
    assert set.intersection(*keys), keys


def test_arabic_normalization_ignores_diacritics_tatweel_and_alef_forms() -> None:
    for text in ("تـعـبـئـة المَوارِد", "تعبئة الموارد", "وتعبئة الموارد"):
        assert find_term(text, "ar", "تعبئة الموارد") is not None, text
    assert fold("إعادة") == fold("اعاده")
    assert fold("مستوى") == fold("مستوي")


def test_arabic_bare_clitics_are_stripped_only_from_the_text() -> None:
    # "وفريق" (and a team) meets the cue "فريق", but the cue itself keeps its
    # first letter, so "ريق" is not what it looks for
    assert stem("فريق", "ar") in variants("وفريق", "ar")
    assert find_term("وفريق الأمم المتحدة القطري", "ar", "فريق الأمم المتحدة القطري")
    assert find_term("طريق", "ar", "فريق") is None
    assert variants("فريق", "ru") == ()


def test_chinese_is_cut_into_bigrams_with_offsets() -> None:
    text = "资源调动战略"
    words = split_words(text)
    assert [w for w, _s, _e in words] == ["资源", "源调", "调动", "动战", "战略"]
    assert all(text[s:e] == w for w, s, e in words)
    mixed = split_words("G5萨赫勒")
    assert [w for w, _s, _e in mixed] == ["G5", "萨赫", "赫勒"]


def test_chinese_cue_matches_inside_a_sentence_and_quotes_it() -> None:
    text = "特派团与国家工作队共同制定了资源调动战略。"
    hit = find_term(text, "zh", "资源调动")
    assert hit is not None
    assert text[hit[0]:hit[1]] == "资源调动"


def test_chinese_particle_de_is_optional() -> None:
    assert find_term("没有发现未声明限制条件。", "zh", "未声明的限制条件") is not None
    assert find_term("没有发现未声明的限制条件。", "zh", "未声明限制条件") is not None


def test_chinese_cue_characters_must_be_adjacent() -> None:
    # 资 … 源 far apart, or reversed, is not 资源调动
    assert find_term("资助了水源和调查活动", "zh", "资源调动") is None
    assert find_term("调动资源", "zh", "资源调动") is None
    # a space in a term marks where a character or two may come between
    assert find_term("安全局势有改善", "zh", "安全局势 改善") is not None
    assert find_term("安全局势在过去几个月里有所改善", "zh", "安全局势 改善") is None


def test_english_and_french_use_snowball() -> None:
    assert stem("mobilisation", "fr") == stem("mobiliser", "fr") == "mobilis"
    assert stem("rotations", "en") == stem("rotation", "en") == "rotat"
    assert find_term("Partners agreed to mobilize additional resources.", "en",
                     "mobilize resources") is not None
