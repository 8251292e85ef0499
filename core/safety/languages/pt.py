"""Portuguese safety lexicon, European and Brazilian forms (see core/safety/languages/__init__.py).

Present and progressive forms ("está a bater", "está batendo", "tem uma faca") are danger now;
the past forms ("bateu", "assaltaram", "roubaram") are in `crime`. Drafted for issue 16: a
native speaker must review it.
"""

# ruff: noqa: E501  (one pattern a line)
from core.safety.languages import SafetyLexicon

W = r"(?: [^ ]+)"  # any one word
WEAPON = r"(?:faca|facas|facão|navalha|catana|machado|arma|armas|pistola|revólver|espingarda|taco|bastão|martelo|canivete)"
FAMILY = r"(?:marido|mulher|esposa|esposo|companheir|namorad|parceir|ex marido|ex mulher|ex namorad|ex companheir|meu ex|minha ex|o ex|pai|padrasto|sogr)"

LEXICON = SafetyLexicon(
    code="pt",
    danger={
        "weapon": (
            r" (?:tiro|tiros|tiroteio|disparos|dispararam|disparou|a disparar|disparando)\b",
            r" (?:faca|facas|facão|catana|machado|pistola|revólver|espingarda)\b",
            rf" (?:tem|têm|tinha|tinham|estava com|com|segura|anda com|está com|estão com|apontou|aponta|apontando|puxou|sacou|empunha){W}{{0,2}} {WEAPON}\b",
            rf" ameaça{W}{{0,3}} com{W}{{0,2}} {WEAPON}\b",
        ),
        "violence_now": (
            # session 12 (set I): you're hurting me, things breaking, I can hear her screaming
            r" (?:está|estás|esta|estas|tá|ta) a magoar| (?:está|esta|tá|ta) (?:me |a )?machucando| barulho de coisas a (?:partir|quebrar)| (?:ouço|ouco)[ -]a a gritar",
            # session 12 (set H): screaming for ten minutes, glass breaking
            r" (?:está|esta|estão|estao) aos gritos há| (?:ouvi|ouço|ouco) (?:vidros|coisas|pratos) a (?:partir|quebrar)| (?:ouvi|ouço|ouco) (?:vidro|vidros) (?:partir|quebrar|quebrando)",
            r" (?:atirar|atira|atiram|atirando|a atirar) (?:garrafas|pedras|tijolos|coisas|vidros)(?: [^ ]+){0,3} (?:às pessoas|as pessoas|a pessoas|a nós|a mim|contra|nas pessoas)| (?:acabou|acabaram) de (?:bater|agredir|esfaquear|atacar|espancar)",
            r" (?:está|estão|esta|estao) (?:a )?(?:bater|batendo|agredir|agredindo|espancar|espancando|atacar|atacando|esfaquear|esfaqueando|estrangular|estrangulando|sufocar|sufocando|lutar|lutando|brigar|brigando|pontapear|chutando|socar|socando)",
            r" (?:bate|batem|agride|agridem|espanca|espancam|ataca|atacam|estrangula|esfaqueia) (?:em )?(?:mim|me|nós|ela|ele|eles|o meu|a minha|na minha|no meu|uma|um)",
            r" socorro| me ajud(?:em|e) (?:por favor|rápido|depressa)|^ ajud(?:a|em|e)(?: [^ ]+)? $",
        ),
        "fire": (
            r" (?:fogo|incêndio|incendio|chamas|a arder|ardendo|pegou fogo|pegando fogo|a pegar fogo|pegar fogo|em chamas|incendiar|tocar fogo|pôr fogo|por fogo)",
            r" (?:cheiro a|cheiro de|cheira a|cheira|muito|cheio de) (?:fumo|fumaça|gás)| fuga de gás| vazamento de gás| (?:fumo|fumaça) (?:a sair|saindo|por todo)",
        ),
        "taken": (
            r" (?:filho|filha|criança)(?: [^ ]+){0,4} (?:não|nao) (?:voltou|regressou|chegou) (?:para |a )?casa",
            r" (?:filho|filha|criança|bebé|bebê|menino|menina)(?: [^ ]+){0,5} (?:desapareceu|sumiu)| alguém (?:o|a) levou| (?:levaram|raptaram) (?:o|a) (?:meu|minha)",
            r" (?:colocar|colocaram|colocou|meter|meteram|meteu|enfiar|enfiaram|enfiou|puxar|puxaram|puxou|arrastar|arrastaram|arrastou)(?: [^ ]+){0,4} (?:numa|num|no|na|dentro de uma|dentro de um|pra dentro de uma|pra dentro do|para dentro de uma|para dentro do) (?:van|carro|carrinha|furgão|furgao|carrinha|caminhonete)\b| (?:pegar|pegaram|pegou|agarrar|agarraram|agarrou|levar|levaram|levou) (?:um|uma|o|a|meu|minha|o meu|a minha) (?:menino|menina|criança|crianca|bebé|bebê|bebe|miúdo|miúda|miudo|miuda|filho|filha|garoto|garota)\b",
            r" (?:raptad|sequestr|levaram (?:a minha|o meu) (?:filh|criança|bebé|bebê)|levou (?:a minha|o meu) (?:filh|criança|bebé|bebê) (?:à força|a força)|arrastaram para (?:um|o) carro|meteram (?:no|num) carro)",
        ),
        "threat_to_life": (
            r" (?:vai|vão|quer|querem|ameaça|ameaçam|ameaçou) (?:me |nos |a |o )?(?:matar|esfaquear|dar um tiro|incendiar|queimar)",
            r" (?:matar|mato|mata) (?:me|te|nos|a minha|o meu)\b| vou te matar| vou matar| (?:me|te|nos) (?:mata|matam|vai matar|vão matar)\b",
        ),
        "intruder": (
            r" (?:a )?espreitar pel(?:a|as) janel| espreita pel| (?:homem estranho|estranho|desconhecido)(?: [^ ]+){0,4} (?:quintal|jardim|janela|varanda)",
            r" (?:está|estão|esta|estao) (?:a )?(?:tentar entrar|tentando entrar|arrombar|arrombando|forçar a porta|forçando a porta|partir a porta|quebrando a porta|entrar pela janela)",
            r" (?:alguém|alguem|um homem|uns homens|eles|estranhos?) (?:está|estão|esta|estao|entrou|entraram) (?:dentro de|na|em|no|dentro da) (?:minha |nossa )?(?:casa|apartamento|quarto|cozinha)",
            r" (?:tenta|tentam) (?:entrar|arrombar|abrir a porta)",
            r" (?:ta|tá|está|esta|estão|estao|tão|tao) (?:a )?(?:chutar|chutando|pontapear|pontapeando|forçar|forçando|forcar|forcando|esmurrar|esmurrando|arrombar|arrombando|derrubar|derrubando|quebrar|quebrando) (?:a |minha |a minha |nossa |a nossa )?(?:porta|janela)| (?:pra|para) entrar(?: [^ ]+){0,3} (?:agora|já)| (?:chutando|pontapeando|forçando|arrombando)(?: [^ ]+){0,3} porta(?: [^ ]+){0,3} (?:agora|pra entrar|para entrar)",
        ),
        # session 12 (set H): the one who harms will not let them leave (with a partner: only
        # with a word of now, since "he doesn't let me go out" is also coercive control)
        "held": (r" n[ãa]o (?:a|me|o|nos|as|os) deixa sair(?! de casa sem| sozinh)",),
        "injured": (
            r" (?:cão|cao|cachorro|pitbull)(?: [^ ]+){0,4} (?:atacou|mordeu|morde|está a morder)",
            r" coberto de sangue| cheio de sangue| ensanguentad| caíd[oa] (?:na|no|nas) (?:escada|chão|chao|rua|passeio)",
            r" (?:caiu|caíram|saltou|atirou se) (?:da|do|de) (?:janela|varanda|telhado|prédio|predio|ponte)",
            r" (?:a sangrar|sangrando|sangra muito|muito sangue|inconsciente|desmaiad|não respira|nao respira|não está a respirar|ferido|ferida|chamem uma ambulância|chamem a ambulância|preciso de uma ambulância|precisa de uma ambulância)",
        ),
    },
    self_harm=(
        r" (?:vai|quer|ameaça|ameaca|diz que vai|disse que vai|tá pra|ta pra|está para) (?:se jogar|se atirar|pular|saltar|se matar|atirar se|jogar se)| (?:se jogar|se atirar|atirar se|jogar se) (?:da|do|pela|pelo|de) (?:janela|varanda|telhado|prédio|predio|ponte|sacada)| matar se\b| se enforcar",
        r"(?<! vai) (?:me matar|matar me|matar-me|suicid|acabar com a minha vida|tirar a minha vida|tirar minha vida|não quero viver|nao quero viver|não quero mais viver|cortar me|me cortar|cortar-me|não aguento mais viver)",
    ),
    domestic=(
        r" violência doméstica| violencia domestica| abuso doméstico| maus tratos",
        rf" {FAMILY}{W}{{0,3}} (?:me |nos )?(?:bate|bateu|agride|agrediu|ameaça|ameaçou|controla|empurrou|empurra|humilha|persegue|vigia|estrangulou|espancou)",
    ),
    family=(
        rf"(?<!do)(?<!no)(?<!ao)(?<!da)(?<!na)(?<! à) (?:o meu|a minha|meu|minha) {FAMILY}",
        r"(?<!no)(?<!na)(?<!ao)(?<! o) (?:o meu|a minha) (?:irmão|irmao|irmã|filho|filha|mãe|mae)\b",
    ),
    abuse=(
        r" (?:ameaças|espera por mim|me persegue|persegue me)",
        r" (?:insulta me|insulta-me|me insulta|atira me|atira-me|me atira|humilha me)",
        r" (?:bate|bateu|agride|agrediu|ameaça|ameaçou|controla|empurrou|empurra|humilha|persegue|não me deixa|nao me deixa|tira me o dinheiro|tira meu dinheiro|ficou com o meu telemóvel|me prende|tranca me)",
    ),
    hate=(
        r" racist| racismo| homofób| homofob| transfób| transfob| xenofob| xenófob| antissemit| suástica| suastica| nazi",
        r" (?:porque|por|por ser|por ele ser|por ela ser) (?:ele |ela |eles |elas |o meu filho |a minha filha )?(?:sou|somos|é|e|são|sao|ser) (?:cego|cega|surdo|surda|autista|portugu|brasileir|muçulman|muculman|gay|lésbica|lesbica|negr|preto|pretos|judeu|judia|trans|imigrante|estrangeir|deficiente|cigan)",
        r" por causa d(?:a|o) (?:minha |meu |nossa |sua )?(?:raça|raca|religião|religiao|cor|origem|nacionalidade|deficiência|deficiencia|orientação|sexualidade)",
        r" volta para (?:a |o )?(?:tua|sua) (?:terra|país|pais)| vai para a tua terra| volta pro teu país| macaco| preto de merda| (?:estrangeiros|imigrantes|pretos|negros|brasileiros|ciganos|muçulmanos|gays|paneleiros) fora",
    ),
    identity=(
        r" (?:cego|cega|surdo|surda|mudo|autista|autismo|bengala|síndrome de down|sindrome de down|deficiên|deficien|turbante|mesquita|sinagoga|terreiro|candomblé|candomble|gay|lésbica|lesbica|trans\b|travesti)",
        r" (?:lenço|islão|islao|islam|muçulman|véu|hijab)",
        r" (?:português|portuguesa|brasileir|muçulman|muculman|gay|lésbica|negr|judeu|judia|trans|imigrante|estrangeir|deficiente|cadeira de rodas|cigan|hijab|véu)",
    ),
    hostile=(
        r" (?:arrancaram|arrancou|puxaram|puxou|gritaram|gritou)",
        r" (?:insulta|insultam|insultou|chama|chamam|chamou|cospe|cospem|cuspiu|grita|gritam|gritou|ameaça|ameaçam|goza|gozam|escreveu|escreveram|pintaram|picham|picharam|atiram|atiraram)",
    ),
    crime=(
        r" (?:tentaram|tentou) (?:arrombar|entrar|forçar|forcar|assaltar)",
        r" (?:roubaram|roubou|roubado|roubada|roubo|furtaram|furto|furtado|assaltaram|assaltou|assalto|arrombaram|arrombou|arrombad|partiram o vidro|partiram a janela|burla|golpe)",
    ),
    past=(
        r" ontem| anteontem| na (?:semana|sexta|segunda|terça|quarta|quinta) passada| no (?:mês|ano|sábado|domingo|fim de semana) passado| na noite passada| há (?:uma|duas|três|uns|umas|alguns|algumas|\d+) (?:semana|semanas|dia|dias|mês|meses|ano|anos|hora|horas)| (?:semana|mês|ano) passad| tinha| tinham| estava com| ameaçou",
    ),
    now=(
        r" tenho medo| estou com medo| estou aterrorizad| acabou de| acabaram de",
        r" agora| neste momento| já está| rápido| depressa| socorro| ainda está| ainda estão| aqui fora",
    ),
    not_danger=(
        # session 12 (set I): if there is a fire; asking to come in
        r" se houver (?:um )?(?:incêndio|incendio|fogo)| em caso de (?:incêndio|incendio)| (?:pedindo|a pedir) (?:pra|para) entrar",
        # session 12 (set F): noise that "will kill me"
        r" (?:barulho|música|musica|som|zoada|zoeira|latido|latidos|cheiro)(?: [^ ]+){0,4} (?:vai me matar|está me matando|esta me matando|tá me matando|ta me matando|me mata)\b",
        r" (?:porta|portas) corta fogo| corta fogo| (?:alarme|alarmes|detetor|detector|sensor|sensores) (?:de )?(?:incêndio|incendio|fumo|fumaça|fumaca|fogo)| extintor[^ ]*| saída de emergência| saida de emergencia| saída de incêndio| saida de incendio| saídas? de incêndio| escada de incêndio| escada de incendio| bate(?:m)? (?:a|à|na|em) (?:minha |nossa |sua )?porta",
    ),
    # session 12 (sets E and F): the resident says they are safe now
    safe=(
        r" (?:estou|tô|to|estamos) (?:bem|segur[ao]s?|a salvo)\b| não fez nada desde| nao fez nada desde| (?:agora )?(?:está|esta|tá|ta) tudo (?:bem|ok)\b",
        r" (?:ele|ela) (?:está|esta|tá|ta) (?:no trabalho|a dormir|dormindo|no serviço|no servico)| (?:estou|fiquei|tô|to|estamos) (?:em casa|na casa) d[ao] (?:minha |meu )?(?:irmã|irma|mãe|mae|irmão|irmao|amiga|amigo)",
    ),
    # session 12 (set H): the one who harms will not leave or lets nobody leave, or the resident is locked in or hiding
    present=(
        r" n[ãa]o (?:quer|vai) (?:sair|embora)| (?:me tranquei|tranquei me|nos trancamos|se trancou)| (?:estou|estamos|está|esta) trancad| (?:estou|estamos) escondid",
    ),
    calm=(
        # session 12 (set I): a threat for if it happens again
        r" se (?:[^ ]+ ){0,5}(?:outra vez|de novo|novamente)\b",
        r" (?:agora|já) (?:está|esta|ta|tá) (?:tudo )?(?:calmo|tranquilo|sossegado)| da próxima vez| da proxima vez| na próxima vez",
    ),
    left=(r" já (?:foi|foram) embora| já fugiu| já fugiram| já saiu| já saíram| já passou",),
    urgent=(
        r" socorro| rápido| depressa| chamem a polícia| liguem para a polícia| liguem à polícia| chamem a ambulância| urgente|^ ajuda",
    ),
    harm=(
        r" sangue| sangr| ferid| bat| agred| faca| facas| mata| matar| atac| assalt| fogo| fumo| fumaça| arma| tiro| estrangul| pontap| ameaç| espanc| murro",
    ),
    smoke=(r" fumo\\b| fumaça| fumaca",),
    smoking=(
        r" fuma\\b| fumam| fumar| cigarr| tabaco| churrasco| grelhad| fogueira| erva\\b| charro",
    ),
    negation=("não", "nao", "nunca", "nenhum", "nenhuma", "ninguém", "sem", "nem"),
)
