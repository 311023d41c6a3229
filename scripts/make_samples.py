#!/usr/bin/env python3
"""Generate the sample drafts shipped in templates/samples/.

The JSON files are this script's output: edit the text here, run
`python scripts/make_samples.py` (or `--out DIR` to write elsewhere), and
commit both. Block ids are fixed ("en-security-03") so the output is the
same byte for byte on every run.

The samples are a realistic draft of the six-monthly MINUSMA letter for the
period December 2019 to May 2020, built to exercise the app:
- a few figures are still `[…]` placeholders (the Pôle judiciaire caseload,
  the number of courts supplied, a date);
- the armoured-vehicle figures (550 = 479 + 30 + 41, with their percentages)
  are consistent, so the figures check passes on them;
- requirement `perf.underperformance` (how reports of underperformance are
  addressed) is deliberately left uncovered in both languages, so the
  requirements panel shows one "missing" item;
- the French text carries three deliberate typography slips for the
  typography check to report (see FRENCH_SLIPS).

Markup used in the texts below: **bold** and __italic__. In French, "~"
stands for a no-break space (U+00A0) and "^" for a narrow no-break space
(U+202F), so that the typography is visible in the source.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    # Run as a plain script, the repository root is not on the path.
    sys.path.insert(0, str(ROOT))

from drafting.letter import (  # noqa: E402
    Block,
    BlockKind,
    Confirmation,
    Letter,
    Metadata,
    Section,
    Span,
    spans_from_text,
)

TEMPLATE_ID = "minusma-six-monthly"
TEMPLATE_VERSION = 1
LANGUAGES = ("fr", "en")
SECTION_IDS = (
    "opening",
    "security",
    "performance",
    "rotation",
    "coordination",
    "framework",
    "exit",
)
DEFAULT_OUT = ROOT / "templates" / "samples"

NBSP = "\u00a0"
NNBSP = "\u202f"

# The slips left on purpose in the French sample (the typography check must
# report them; do not "fix" them here).
FRENCH_SLIPS = (
    "coordination: straight apostrophe in \"l'ensemble des forces\"",
    "framework: ordinary space before the semicolon in \"des jeunes ;\"",
    "exit: ordinary space before the colon in \"**Sécurité régionale** :\"",
)

# Writer-confirmed evidence, to show both "confirmed" and "detected" coverage.
CONFIRMED = (("ops.coordination_body", "coordination", 1), ("perf.rotation", "rotation", 1))

HEADINGS: dict[str, dict[str, str]] = {
    "en": {
        "opening": "",
        "security": "Security challenges and progress in the Mission’s operations",
        "performance": "Performance of uniformed personnel",
        "rotation": "Rotation of uniformed personnel",
        "coordination": "Coordination of security presences",
        "framework": (
            "Implementation of the integrated strategic framework and transition plan"
        ),
        "exit": "Possible long-term exit strategy",
    },
    "fr": {
        "opening": "",
        "security": "Problèmes de sécurité et progrès des opérations de la Mission",
        "performance": "Performance du personnel en tenue",
        "rotation": "Relève du personnel en tenue",
        "coordination": "Coordination des forces de sécurité présentes au Mali",
        "framework": "Mise en œuvre du cadre stratégique intégré et du plan de transition",
        "exit": "Éventuel plan de retrait à long terme de la Mission",
    },
}

ADDRESSEES = {
    "en": "President of the Security Council",
    "fr": "Président du Conseil de sécurité",
}

CLOSINGS = {
    "en": (
        "I should be grateful if you would kindly bring the present letter to the "
        "attention of the members of the Security Council."
    ),
    "fr": (
        "Je vous saurais gré de bien vouloir porter la présente lettre à l’attention "
        "des membres du Conseil de sécurité."
    ),
}

P: BlockKind = "paragraph"
H: BlockKind = "subheading"
B: BlockKind = "bullet"

Texts = dict[str, list[tuple[BlockKind, str]]]

# fmt: off
EN: Texts = {
    "opening": [
        (P, "I have the honour to write to you pursuant to paragraph 63 of Security Council resolution 2531 (2020), in which the Council asked me, after seeking the views of all relevant stakeholders, including my Special Representative for Mali, and in consultation with the Force Commander, to send it every six months a comprehensive letter covering __exclusively__ three subjects: the progress of the operations of the United Nations Multidimensional Integrated Stabilization Mission in Mali (MINUSMA), including the security challenges it faces, the implementation of its adaptation plan and the discussions of the Mali Coordination Body; the performance and rotation of uniformed personnel; and the implementation of the integrated strategic framework, with its transition plan, a resource mobilization strategy and a possible long-term exit plan. The present letter covers the period from 1 December 2019 to 31 May 2020."),
    ],
    "security": [
        (P, "As my most recent reports (S/2020/223 and S/2020/476) make clear, MINUSMA operates in a political and security environment that remains volatile and demanding. Throughout the period, it helped the signatory parties to the Agreement on Peace and Reconciliation in Mali to settle their differences through dialogue and to move its implementation forward, while stepping up its support to the authorities in protecting civilians in the centre of the country."),
        (P, "In the north, as the Malian armed forces regrouped at strategic locations under Operation Maliko, the Mission stepped up the protection of civilians in the areas they left; under Operation Seka, for instance, it secured the road between Gao and Labézanga. It also helped to open a police station in the second district of Gao and reinforced the Malian police and gendarmerie in Ansongo, Ménaka, Goundam, Niafunké and Tonka. On 26 and 27 April, MINUSMA handed over the security of the camps of the Operational Coordination Mechanism in Gao and Timbuktu to the Malian Defence and Security Forces, which had strengthened their presence there."),
        (P, "In the centre, the Mission pressed ahead with its adaptation plan, in closer cooperation with the national armed forces. Through Operation Buffalo, it increased its air and ground presence in the high-risk areas of the Bandiagara, Bankass and Koro cercles and set up temporary operating bases, from which it supported the national forces in protecting civilians and carried mediation and reconciliation into places where the State had been largely absent. It also supported security sector reform, including the national community violence reduction programme, which encourages self-defence groups to disarm, and the police and gendarmerie in the centre."),
        (P, "Security alone will not end the violence in the centre: basic services, the dismantling of militias, jobs for young people and a justice system able to try those responsible for abuses are needed as well."),
        (P, "The fight against impunity remains central to peace and stability in Mali and in the wider region. Working with the United Nations Office on Drugs and Crime, MINUSMA supported the investigations of the __Pôle judiciaire spécialisé__ on terrorism and transnational organized crime and helped it to strengthen its criminal analysis and case management. As at 20 May, the Pôle had [618] cases under investigation, including [319] related to terrorism and [77] to transnational organized crime. So far, [13] people have been detained for crimes against peacekeepers, but none has yet been convicted. The Mission also supported the Specialized Investigation Brigade, including in the investigation into the abduction of the opposition leader, Soumaïla Cissé."),
    ],
    "performance": [
        (P, "MINUSMA continued to take concrete steps to raise its overall performance, with the emphasis on delivering its mandate and on the safety and security of its personnel, in line with the performance framework referred to in paragraph 49 of resolution 2531 (2020). Early in 2020 it revised several standard operating procedures, notably to decentralize casualty evacuation, which has shortened evacuation times; it also streamlined its situation reporting and tightened the procedures for investigating serious incidents."),
        (P, "In the centre, the temporary operating base opened at Douna-Pen in January allowed the Mission to conduct four mediation missions in Koro cercle and to fund quick-impact projects that brought communities together and opened access for humanitarian actors; on 10 March, the Office for the Coordination of Humanitarian Affairs joined one of these missions to assess needs. Such work matters because terrorist groups exploit intercommunal tensions."),
        (P, "After deadly attacks on Dioungani (Koro cercle) and Ogossogou (Bankass cercle), the Mission had temporary operating bases in place within 48 hours, which calmed the situation and allowed humanitarian aid and human rights investigations to proceed. At Malémana (Ténenkou cercle), it escorted, at the authorities’ request, gendarmerie investigators checking allegations of violations."),
        (P, "Early warning and rapid response proved decisive. In early March, after a series of deadly attacks in Bankass cercle, warnings received partly through the Mission’s free hotline announced a further attack, and deterrent overflights dispersed the suspected attackers. Police units also ran long-range mixed patrols to reach remote communities in the Bandiagara, Bankass and Koro cercles."),
        (P, "An incident-mapping tool piloted by the Mission, which combines military and civilian data, suggests that the patrols of Operation Buffalo improved security and kept incidents in the high-risk areas of Bandiagara and Koro from escalating: the deterrent effect lasted up to two weeks, and no reprisals against civilians were reported after peacekeepers left."),
        (P, "To protect its personnel, the Mission trained convoy commanders to counter improvised explosive devices, with support from the Mine Action Service. In March, a combat convoy company cleared five such devices during an escort. With mitigation measures applied by all contingents, a large share of devices is now found before it can cause harm."),
        (P, "Specialized equipment, such as mine-protected vehicles, has saved lives. MINUSMA has 550 armoured vehicles: 479 (87 per cent) are in daily use, 30 (5.5 per cent) are under maintenance and 41 (7.5 per cent) are out of service, damaged by explosive devices or otherwise beyond repair in the mission area, and must be replaced urgently. I call on all Member States to honour their commitments under the Action for Peacekeeping initiative and to give peacekeepers the equipment and training they need."),
        (H, "Assessments of the military and police components"),
        (P, "Since the beginning of 2020, MINUSMA has assessed 24 of its military units: 1 was rated excellent and 15 satisfactory; 4 fell short in their understanding of the mandate, in training or in command and control; and the remaining 4 were found to need improvement across the board."),
        (P, "The police component has applied a comprehensive performance assessment system since June 2019. All 10 formed police units have been assessed and found satisfactory against criteria that include engagement with the population, understanding of the mandate and of the protection of civilians, and command and control. The quarterly assessments showed that damaged armoured personnel carriers and expired ammunition must be replaced, language skills improved and force protection on patrol reinforced."),
        (P, "Since my previous letter (S/2019/1004), no undeclared caveats have been recorded and no troop-contributing country has refused to take risks. One combat convoy company did object to reconnoitring a new supply route because its bivouacs would have had no aerial surveillance at night. While commanders are bound to follow directives, it was accepted that the level of risk could justify a review of that unit’s statement of requirements."),
        (H, "Challenges"),
        (P, "The Mission’s stronger presence and higher operational tempo in the centre have raised the population’s expectations, sometimes to the point of frustration, given its limited capacity to respond to simultaneous incidents. Allegations of human rights violations by the armed forces have also strained its relations with communities; under the human rights due diligence policy, MINUSMA continues to urge the authorities to prevent such violations and to investigate allegations promptly."),
        (P, "Although some uniformed personnel contracted coronavirus disease (COVID-19), swift action by the Mission and the authorities kept it from spreading through the ranks, and most of those affected have recovered. Priority tasks continued, including support to the legislative elections and to the mechanisms monitoring the Agreement, whose Monitoring Committee now includes six women."),
        (P, "Global travel restrictions limited aircrew rotations, specialized maintenance and deliveries of spare parts, and therefore flight hours. The Mission kept medical and casualty evacuation, its quick reaction capacity and priority missions going, but the shortage of air assets has added to the burden on the combat convoy companies that resupply its bases."),
    ],
    "rotation": [
        (P, "To keep COVID-19 from spreading, I asked that new deployments and rotations of uniformed personnel be frozen. As an exception, and with the agreement of the Malian authorities, rotations essential to the continuity of operations went ahead, with quarantine observed both before and after deployment."),
        (P, "Postponed rotations will be rescheduled with the troop- and police-contributing countries as soon as conditions allow, with testing and quarantine maintained."),
    ],
    "coordination": [
        (P, "The Mali Coordination Body (__Instance de coordination au Mali__) remained the only forum in which the activities of all the security forces present in Mali are brought together and the coordination of security responsibilities is discussed. At its meeting of 12 March, it examined the plan to make the northern town of Ménaka a weapons-free zone. Monthly operational coordination meetings, attended by staff-level representatives of all the security forces in the country, have noticeably improved coordination at that level."),
    ],
    "framework": [
        (P, "Implementation of the integrated strategic framework continued to make the work of the United Nations in Mali more coherent, cost-effective and integrated, notably during the legislative elections and in the response to COVID-19. Aligned with the national development plans and with the United Nations Sustainable Development Cooperation Framework, it remains the main tool for coordinating a response that draws on the comparative advantages of each entity."),
        (P, "For the legislative elections of 29 March and 19 April, the Mission and the country team supported the authorities through the integrated electoral assistance team co-led by MINUSMA and the United Nations Development Programme (UNDP), with the United Nations Entity for Gender Equality and the Empowerment of Women (UN-Women). MINUSMA gave political, technical, logistical and security support and carried electoral material to the north and the centre; UNDP assisted the election management bodies and civil society. Together they encouraged women and young people to take part, with good results, and the Mission and UNDP helped the Government to protect polling stations against COVID-19."),
        (P, "In the centre, the good offices of MINUSMA and the country team and an inclusive dialogue with communities allowed 3,120 displaced persons to return to the commune of Femaye, in Djenné cercle. With United Nations humanitarian and development agencies, the World Health Organization and non-governmental organizations, the Mission drew up an action plan to remove the obstacles to return: security, protection, shelter, health, and water and sanitation."),
        (P, "The Mission and the country team also organized a single response to COVID-19 through a joint task force; with technical advice from the World Health Organization, MINUSMA redirected resources to three large projects that strengthen the Ministry of Health and equip local authorities to contain the outbreak. With the International Committee of the Red Cross, the European Union and UNDP, it delivered essential supplies to [21] courts and 34 prisons in Bamako, the centre and the north."),
        (P, "Following a workshop held in November, the Mission and the country team validated the transition calendar on 23 January. Given a complex and fast-moving political and security situation, the calendar is anchored in the implementation of the integrated strategic framework, to coordinate the work of the United Nations better and to build up partners’ capacities in the areas the transition will touch. It also provides for a conflict analysis that takes account of gender and human rights, and for a mapping of partners’ capacities and gaps, on which any transfer of tasks to the United Nations country team will be based, according to the mandate and comparative advantage of each entity."),
        (P, "Resource mobilization is part of the same effort. The Mission and the country team are preparing a joint resource mobilization strategy, to be presented by [September 2020] to the Government and to all bilateral and multilateral partners, including the European Union and the international financial institutions, so that the tasks to be handed over are funded before the Mission steps back from them."),
    ],
    "exit": [
        (P, "A withdrawal of MINUSMA would depend on political and security conditions: full implementation of the Agreement, and national capacities and regional initiatives strong enough to stabilize Mali and the Sahel. Developments on the ground will need to be assessed continuously against these conditions."),
        (P, "In line with the criteria set by the Council, a possible long-term exit plan would measure progress against four benchmarks:"),
        (B, "**Security and political conditions**: a lasting improvement in security and in the political situation;"),
        (B, "**National forces**: the effective redeployment of reconstituted and reformed Malian Defence and Security Forces in the north and centre of Mali;"),
        (B, "**Regional security**: tangible progress in the operationalization of the Joint Force of the Group of Five for the Sahel (G5 Sahel);"),
        (B, "**The Agreement**: progress in implementing the Agreement, the main milestone of the transition."),
        (P, "The ultimate aim is a more stable and peaceful Mali whose State can defend its territory and sovereignty, protect its civilians, settle political disputes peacefully and provide basic services; the peacekeeping presence could then be reconfigured or withdrawn. No exit strategy can work without national ownership, built on dialogue and partnership between the national authorities and the international community to address the root causes of chronic instability."),
        (P, "As I stressed in my previous letter under resolution 2480 (2019), a premature withdrawal would put at risk the gains made since the Mission was established in 2013 and the considerable investment of the international community, with consequences that could be devastating for Mali and the Sahel."),
    ],
}

FR: Texts = {
    "opening": [
        (P, "J’ai l’honneur de vous écrire en application du paragraphe~63 de la résolution 2531~(2020), dans lequel le Conseil de sécurité m’a prié, après avoir sollicité les vues de toutes les parties prenantes, dont mon Représentant spécial pour le Mali, et en consultation avec le commandant de la force, de lui adresser tous les six mois une lettre exhaustive portant __exclusivement__ sur trois sujets~: les progrès des opérations de la Mission multidimensionnelle intégrée des Nations Unies pour la stabilisation au Mali (MINUSMA), y compris les problèmes de sécurité, la mise en œuvre du plan d’adaptation et les discussions de l’Instance de coordination au Mali~; la performance et la relève du personnel en tenue~; l’application du cadre stratégique intégré, avec le plan de transition, une stratégie de mobilisation des ressources et un éventuel plan de retrait à long terme. La présente lettre couvre la période du 1er~décembre 2019 au 31~mai 2020."),
    ],
    "security": [
        (P, "Comme l’indiquent mes derniers rapports (S/2020/223 et S/2020/476), la MINUSMA opère dans un contexte politique et sécuritaire instable et exigeant. Elle a aidé les parties signataires de l’Accord pour la paix et la réconciliation au Mali à régler leurs différends par le dialogue et à faire avancer sa mise en œuvre, tout en renforçant son appui aux autorités pour la protection des civils dans le centre du pays."),
        (P, "Dans le nord, tandis que les forces armées maliennes se regroupaient sur des positions stratégiques dans le cadre de l’opération Maliko, la Mission a renforcé la protection des civils dans les zones qu’elles quittaient~; avec l’opération «~Seka~», elle a ainsi sécurisé la route reliant Gao à Labézanga. Elle a aussi contribué à l’ouverture d’un commissariat dans le deuxième arrondissement de Gao et renforcé la police et la gendarmerie maliennes à Ansongo, à Ménaka, à Goundam, à Niafunké et à Tonka. Les 26 et 27~avril, elle a remis la sécurité des camps du Mécanisme opérationnel de coordination de Gao et de Tombouctou aux Forces de défense et de sécurité maliennes, qui y avaient étoffé leur présence."),
        (P, "Dans le centre, la Mission a poursuivi la mise en œuvre de son plan d’adaptation, en coopération plus étroite avec les forces armées nationales. Avec l’opération Buffalo, elle a accru sa présence aérienne et terrestre dans les zones à haut risque des cercles de Bandiagara, de Bankass et de Koro et installé des bases opérationnelles temporaires, d’où elle a épaulé les forces nationales dans la protection des civils et porté la médiation et la réconciliation là où l’État était peu présent. Elle a aussi soutenu la réforme du secteur de la sécurité, dont le programme national de réduction de la violence communautaire, qui incite les groupes d’autodéfense à désarmer, ainsi que la police et la gendarmerie du centre."),
        (P, "La sécurité seule ne mettra pas fin à la violence dans le centre~: il faut aussi des services de base, le démantèlement des milices, des emplois pour les jeunes et une justice capable de juger les auteurs d’exactions."),
        (P, "La lutte contre l’impunité demeure essentielle à la paix et à la stabilité du Mali et de la région. Avec l’Office des Nations Unies contre la drogue et le crime, la MINUSMA a appuyé les enquêtes du Pôle judiciaire spécialisé de lutte contre le terrorisme et la criminalité transnationale organisée et l’a aidé à renforcer ses capacités d’analyse criminelle et de gestion des dossiers. Au 20~mai, le Pôle instruisait [618] affaires, dont [319] liées au terrorisme et [77] à la criminalité transnationale organisée. À ce jour, [13] personnes sont détenues pour des crimes commis contre des Casques bleus, mais aucune n’a encore été condamnée. La Mission a également appuyé la Brigade d’investigation spécialisée, notamment dans l’enquête sur l’enlèvement du chef de file de l’opposition, Soumaïla Cissé."),
    ],
    "performance": [
        (P, "La MINUSMA a continué de prendre des mesures concrètes pour améliorer sa performance globale, en mettant l’accent sur l’exécution du mandat et la sécurité de son personnel, conformément au dispositif de gestion de la performance visé au paragraphe~49 de la résolution 2531~(2020). Au début de 2020, elle a révisé plusieurs instructions permanentes, notamment pour décentraliser les évacuations sanitaires primaires, ce qui a réduit les délais d’évacuation des blessés~; elle a aussi simplifié ses comptes rendus de situation et rendu plus rigoureuses les enquêtes sur les incidents graves."),
        (P, "Dans le centre, la base opérationnelle temporaire ouverte à Douna-Pen en janvier a permis à la Mission de mener quatre missions de médiation dans le cercle de Koro et de financer des projets à effet rapide qui ont rapproché les communautés et facilité l’accès humanitaire~; le 10~mars, le Bureau de la coordination des affaires humanitaires s’est joint à l’une de ces missions pour évaluer les besoins. Ce travail est essentiel, car les groupes terroristes exploitent les tensions intercommunautaires."),
        (P, "Après des attaques meurtrières contre Dioungani (cercle de Koro) et Ogossogou (cercle de Bankass), la Mission a installé des bases opérationnelles temporaires en moins de 48 heures, ce qui a apaisé la situation et permis l’acheminement de l’aide humanitaire ainsi que des enquêtes sur les violations des droits de l’homme. À Malémana (cercle de Ténenkou), elle a escorté, à la demande des autorités, des enquêteurs de la gendarmerie venus vérifier des allégations de violations."),
        (P, "L’alerte rapide et la capacité de réaction se sont révélées déterminantes. Début mars, après une série d’attaques meurtrières dans le cercle de Bankass, des signalements reçus notamment par la ligne téléphonique gratuite de la Mission ont annoncé une nouvelle attaque, et des survols dissuasifs ont dispersé les assaillants présumés. La police a en outre mené des patrouilles mixtes de longue portée auprès des populations isolées des cercles de Bandiagara, de Bankass et de Koro."),
        (P, "Un outil de cartographie des incidents mis à l’essai par la Mission, qui croise données militaires et civiles, indique que les patrouilles de l’opération Buffalo ont amélioré la sécurité et empêché l’escalade des incidents dans les zones à haut risque de Bandiagara et de Koro~: l’effet dissuasif a duré jusqu’à deux semaines et aucun acte de représailles contre des civils n’a été signalé après le départ des Casques bleus."),
        (P, "Pour protéger son personnel, la Mission a formé les commandants de convoi à la lutte contre les engins explosifs improvisés, avec l’appui du Service de la lutte antimines. En mars, une compagnie de protection de convois a ainsi neutralisé cinq engins au cours d’une escorte. Grâce aux mesures d’atténuation appliquées par tous les contingents, une grande partie des engins est désormais découverte avant d’exploser."),
        (P, "Le matériel spécialisé, comme les véhicules protégés contre les mines, a sauvé des vies. La MINUSMA compte 550 véhicules blindés~: 479 (87~%) sont utilisés quotidiennement, 30 (5,5~%) sont en entretien et 41 (7,5~%) sont hors d’usage, endommagés par des engins explosifs ou pour d’autres raisons et irréparables sur place, et doivent être remplacés d’urgence. J’appelle tous les États Membres à honorer leurs engagements au titre de l’initiative Action pour le maintien de la paix et à doter les Casques bleus du matériel et de la formation nécessaires."),
        (H, "Évaluation des composantes militaire et de police"),
        (P, "Depuis le début de 2020, la MINUSMA a évalué 24 de ses unités militaires~: 1 a été jugée excellente et 15 satisfaisantes~; 4 ont montré des faiblesses dans la compréhension du mandat, la formation ou le commandement et le contrôle~; les 4 autres doivent progresser dans l’ensemble de leurs activités."),
        (P, "Depuis juin 2019, la composante Police applique un système complet d’évaluation de la performance. Les 10 unités de police constituées ont toutes été évaluées et jugées satisfaisantes au regard de critères tels que le dialogue avec la population, la compréhension du mandat et de la protection des civils, et le commandement et le contrôle. Les évaluations trimestrielles ont montré qu’il fallait remplacer des véhicules blindés de transport de troupes endommagés et des munitions périmées, améliorer les compétences linguistiques et renforcer la protection de la force en patrouille."),
        (P, "Depuis ma précédente lettre (S/2019/1004), aucune restriction non déclarée n’a été relevée et aucun pays fournisseur de contingents n’a refusé de prendre des risques. Une compagnie de protection de convois s’est toutefois opposée à une reconnaissance sur un nouvel itinéraire de ravitaillement, faute de surveillance aérienne nocturne de ses bivouacs. Si les commandants sont tenus de respecter les directives, il a été admis que le niveau de risque pouvait justifier un réexamen de l’état des besoins de cette unité."),
        (H, "Difficultés rencontrées"),
        (P, "La présence accrue de la Mission et le rythme soutenu de ses opérations dans le centre ont fait naître de fortes attentes dans la population, parfois jusqu’à la frustration, faute de moyens pour répondre à des incidents simultanés. Les allégations de violations des droits de l’homme par les forces armées ont aussi pesé sur ses relations avec les communautés~; en application de la politique de diligence voulue en matière de droits de l’homme, la MINUSMA continue d’engager les autorités à prévenir ces violations et à enquêter sans délai sur les allégations."),
        (P, "Si des membres du personnel en tenue ont contracté la maladie à coronavirus (COVID-19), la réaction rapide de la Mission, en lien avec les autorités, a empêché sa propagation dans les rangs, et la plupart des malades sont rétablis. Les tâches prioritaires ont été maintenues, notamment l’appui aux élections législatives et aux mécanismes de suivi de l’Accord, dont le Comité de suivi compte désormais six femmes."),
        (P, "Les restrictions de voyage ont limité la relève des équipages, la maintenance spécialisée et la livraison de pièces détachées, et donc les heures de vol. La Mission a préservé les évacuations sanitaires, sa capacité de réaction rapide et les missions prioritaires, mais le manque de moyens aériens alourdit la charge des compagnies de protection de convois qui ravitaillent ses bases."),
    ],
    "rotation": [
        (P, "Afin d’empêcher la propagation de la COVID-19, j’ai demandé le gel des nouveaux déploiements et des relèves du personnel en tenue. À titre exceptionnel, et avec l’accord des autorités maliennes, les relèves indispensables à la continuité des opérations ont eu lieu, avec une quarantaine avant et après le déploiement."),
        (P, "Les relèves reportées seront reprogrammées avec les pays fournisseurs de contingents et de personnel de police dès que possible, le dépistage et la quarantaine étant maintenus."),
    ],
    "coordination": [
        (P, "L’Instance de coordination au Mali est restée le seul cadre où s’articulent les activités de l'ensemble des forces de sécurité présentes dans le pays et où se discute la coordination des responsabilités en matière de sécurité. Lors de sa réunion du 12~mars, elle a examiné le projet visant à faire de Ménaka, ville du nord, une zone «~sans armes~». Les réunions mensuelles de coordination opérationnelle, qui rassemblent au niveau des états-majors des représentants de toutes les forces de sécurité présentes au Mali, ont sensiblement amélioré la coordination à cet échelon."),
    ],
    "framework": [
        (P, "L’application du cadre stratégique intégré a continué de rendre l’action des Nations Unies au Mali plus cohérente, plus économe et mieux intégrée, notamment lors des élections législatives et face à la COVID-19. Aligné sur les plans nationaux de développement et sur le Plan-cadre de coopération des Nations Unies pour le développement durable, le cadre reste le principal outil de coordination d’une réponse fondée sur les avantages comparatifs de chaque entité."),
        (P, "Pour les élections législatives des 29~mars et 19~avril, la Mission et l’équipe de pays ont appuyé les autorités par l’intermédiaire de l’équipe intégrée d’appui électoral, codirigée par la MINUSMA et le Programme des Nations Unies pour le développement (PNUD), avec l’Entité des Nations Unies pour l’égalité des sexes et l’autonomisation des femmes (ONU-Femmes). La MINUSMA a apporté un appui politique, technique, logistique et de sécurité et acheminé le matériel électoral dans le nord et le centre~; le PNUD a aidé les organes électoraux et la société civile. Ensemble, ils ont encouragé avec succès la participation des femmes et des jeunes ; la Mission et le PNUD ont aussi aidé le Gouvernement à protéger les bureaux de vote contre la COVID-19."),
        (P, "Dans le centre, les bons offices de la MINUSMA et de l’équipe de pays et un dialogue inclusif avec les communautés ont permis le retour de 3^120 personnes déplacées dans la commune de Femaye (cercle de Djenné). Avec les organismes humanitaires et de développement des Nations Unies, l’Organisation mondiale de la Santé et des organisations non gouvernementales, la Mission a arrêté un plan d’action pour lever les obstacles au retour~: sécurité, protection, hébergement, santé, eau et assainissement."),
        (P, "La Mission et l’équipe de pays ont aussi organisé une riposte commune à la COVID-19 au sein d’une équipe spéciale~; avec l’appui technique de l’Organisation mondiale de la Santé, la MINUSMA a réaffecté des ressources à trois grands projets qui renforcent le Ministère de la santé et équipent les autorités locales pour contenir l’épidémie. Avec le Comité international de la Croix-Rouge, l’Union européenne et le PNUD, elle a livré des fournitures essentielles à [21] tribunaux et à 34 prisons, à Bamako, dans le centre et dans le nord."),
        (P, "À la suite d’un atelier tenu en novembre, la Mission et l’équipe de pays ont validé le calendrier de transition le 23~janvier. Face à une situation politique et sécuritaire complexe et mouvante, ce calendrier s’appuie sur l’exécution du cadre stratégique intégré pour mieux coordonner l’action des Nations Unies et renforcer les capacités des partenaires dans les domaines touchés par la transition. Il prévoit aussi une analyse du conflit tenant compte du genre et des droits de l’homme, ainsi qu’un recensement des capacités et des carences des partenaires, sur la base duquel des tâches pourront être transférées à l’équipe de pays des Nations Unies selon le mandat et les avantages comparatifs de chaque entité."),
        (P, "La mobilisation des ressources participe du même effort. La Mission et l’équipe de pays préparent une stratégie commune de mobilisation des ressources, qui sera présentée d’ici à [septembre 2020] au Gouvernement et à l’ensemble des partenaires bilatéraux et multilatéraux, dont l’Union européenne et les institutions financières internationales, afin que les tâches à transférer soient financées avant le retrait de la Mission."),
    ],
    "exit": [
        (P, "Un éventuel retrait de la MINUSMA dépendrait de conditions politiques et de sécurité~: la pleine application de l’Accord et l’existence de capacités nationales et d’initiatives régionales assez solides pour stabiliser le Mali et le Sahel. L’évolution de la situation sur le terrain devra être évaluée en permanence au regard de ces conditions."),
        (P, "Conformément aux critères fixés par le Conseil, un éventuel plan de retrait à long terme mesurerait les progrès au regard de quatre repères~:"),
        (B, "**Conditions de sécurité et situation politique**~: une amélioration durable de la sécurité et de la situation politique~;"),
        (B, "**Forces nationales**~: le redéploiement effectif des Forces de défense et de sécurité maliennes, reconstituées et réformées, dans le nord et le centre du Mali~;"),
        (B, "**Sécurité régionale** : des progrès tangibles dans l’opérationnalisation de la Force conjointe du G5 Sahel~;"),
        (B, "**Accord**~: des progrès dans la mise en œuvre de l’Accord, principale étape de la transition."),
        (P, "Le but ultime est un Mali plus stable et pacifique, dont l’État puisse défendre son territoire et sa souveraineté, protéger ses civils, régler pacifiquement les différends politiques et assurer les services de base~; la présence de maintien de la paix pourrait alors être reconfigurée ou retirée. Aucune stratégie de retrait ne peut réussir sans appropriation nationale, fondée sur le dialogue et le partenariat entre les autorités nationales et la communauté internationale pour s’attaquer aux causes profondes de l’instabilité."),
        (P, "Comme je l’ai souligné dans ma précédente lettre, présentée en application de la résolution 2480~(2019), un retrait prématuré compromettrait les acquis obtenus depuis la création de la Mission en 2013 et l’investissement considérable de la communauté internationale, avec des conséquences qui pourraient être dévastatrices pour le Mali et le Sahel."),
    ],
}
# fmt: on

TEXTS: dict[str, Texts] = {"en": EN, "fr": FR}

_MARKUP_RE = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")


def _typeset(text: str, lang: str) -> str:
    """Turn the source's "~" and "^" into the French no-break spaces."""
    if lang != "fr":
        return text
    return text.replace("~", NBSP).replace("^", NNBSP)


def spans_from_markup(text: str) -> list[Span]:
    """Spans for text with **bold** and __italic__ runs; `[…]` become placeholders."""
    spans: list[Span] = []
    pos = 0
    for m in _MARKUP_RE.finditer(text):
        if m.start() > pos:
            spans.extend(spans_from_text(text[pos : m.start()]))
        if m.group(1) is not None:
            spans.extend(spans_from_text(m.group(1), bold=True))
        else:
            spans.extend(spans_from_text(m.group(2), italic=True))
        pos = m.end()
    if pos < len(text):
        spans.extend(spans_from_text(text[pos:]))
    return spans


def _block(kind: BlockKind, text: str, block_id: str) -> Block:
    if _MARKUP_RE.search(text):
        return Block(kind=kind, spans=spans_from_markup(text), id=block_id, boilerplate=False)
    return Block.from_text(text, kind, id=block_id, boilerplate=False)


def block_id(lang: str, section_id: str, number: int) -> str:
    """The fixed id of the `number`-th (from 1) block of a section."""
    return f"{lang}-{section_id}-{number:02d}"


def build_letter(lang: str) -> Letter:
    """The sample letter in `lang` ("en" or "fr")."""
    metadata = Metadata(
        mission="MINUSMA",
        organ="security-council",
        symbol="S/2020/481",
        date=date(2020, 6, 1),
        letter_date=date(2020, 6, 1),
        language=lang,
        original_language="en",
        job_number="20-07899",
        addressee=ADDRESSEES[lang],
        signatory="António Guterres",
        period_start=date(2019, 12, 1),
        period_end=date(2020, 5, 31),
        mandate_reference="S/RES/2531(2020), para. 63",
        closing=CLOSINGS[lang],
    )
    sections: list[Section] = []
    for section_id in SECTION_IDS:
        blocks = [
            _block(kind, _typeset(text, lang), block_id(lang, section_id, n))
            for n, (kind, text) in enumerate(TEXTS[lang][section_id], start=1)
        ]
        sections.append(
            Section(id=section_id, heading=HEADINGS[lang][section_id], blocks=blocks)
        )
    confirmations = [
        Confirmation(requirement, block_id(lang, section_id, n))
        for requirement, section_id, n in CONFIRMED
    ]
    return Letter(
        template_id=TEMPLATE_ID,
        template_version=TEMPLATE_VERSION,
        metadata=metadata,
        sections=sections,
        confirmations=confirmations,
    )


def render(letter: Letter) -> str:
    """The JSON text of a letter, stable from run to run."""
    return json.dumps(letter.to_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def sample_name(lang: str) -> str:
    return f"{TEMPLATE_ID}.{lang}.json"


def write_samples(out_dir: Path) -> list[Path]:
    """Write every sample into `out_dir` (created if needed); returns the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for lang in LANGUAGES:
        path = out_dir / sample_name(lang)
        tmp = path.with_suffix(".json.tmp")
        # newline="\n" keeps the files identical on Windows checkouts.
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(render(build_letter(lang)))
        tmp.replace(path)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Generate the sample drafts shipped in templates/samples/."
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        metavar="DIR",
        help=f"folder to write the samples into (default: {DEFAULT_OUT.relative_to(ROOT)})",
    )
    args = parser.parse_args(argv)
    for path in write_samples(args.out):
        letter = Letter.from_dict(json.loads(path.read_text(encoding="utf-8")))
        print(f"{path}: {letter.word_count()} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
