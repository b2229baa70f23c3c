//! The occupation taxonomy: a curated Dutch list with ISCO-08 unit-group codes, written for
//! HalloWerk (the kinds of work offered to and asked for by job seekers under the
//! Participatiewet, from elementary to professional work).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (ISCO-08 unit group, Dutch occupation name).
pub const OCCUPATIONS: &[(&str, &str)] = &[
    // 1 Leidinggevenden
    ("1120", "Directeur"),
    ("1211", "Financieel manager"),
    ("1212", "HR-manager"),
    ("1221", "Marketing- en verkoopmanager"),
    ("1321", "Productiemanager"),
    ("1324", "Logistiek manager"),
    ("1341", "Leidinggevende kinderopvang"),
    ("1411", "Hotelmanager"),
    ("1412", "Restaurantmanager"),
    ("1420", "Filiaalmanager"),
    // 2 Specialisten
    ("2142", "Civiel ingenieur"),
    ("2144", "Werktuigbouwkundig ingenieur"),
    ("2151", "Elektrotechnisch ingenieur"),
    ("2161", "Architect"),
    ("2166", "Grafisch ontwerper"),
    ("2221", "Verpleegkundige"),
    ("2262", "Apotheker"),
    ("2264", "Fysiotherapeut"),
    ("2265", "Diëtist"),
    ("2320", "Docent mbo"),
    ("2330", "Docent voortgezet onderwijs"),
    ("2341", "Leraar basisonderwijs"),
    ("2411", "Accountant"),
    ("2421", "Organisatieadviseur"),
    ("2422", "Beleidsmedewerker"),
    ("2423", "HR-adviseur"),
    ("2424", "Opleidingsadviseur"),
    ("2431", "Marketeer"),
    ("2432", "Communicatieadviseur"),
    ("2433", "Technisch-commercieel adviseur"),
    ("2511", "Informatieanalist"),
    ("2512", "Softwareontwikkelaar"),
    ("2513", "Webdeveloper"),
    ("2514", "Applicatieprogrammeur"),
    ("2521", "Databasebeheerder"),
    ("2522", "Systeembeheerder"),
    ("2529", "Informatiebeveiligingsspecialist"),
    ("2611", "Advocaat"),
    ("2622", "Bibliothecaris"),
    ("2631", "Econoom"),
    ("2634", "Psycholoog"),
    ("2635", "Maatschappelijk werker"),
    ("2641", "Tekstschrijver"),
    ("2642", "Journalist"),
    ("2643", "Vertaler"),
    // 3 Technici en vakspecialisten
    ("3111", "Laborant"),
    ("3113", "Elektrotechnicus"),
    ("3114", "Elektronicatechnicus"),
    ("3115", "Werktuigbouwkundig technicus"),
    ("3116", "Procestechnicus"),
    ("3118", "Technisch tekenaar"),
    ("3122", "Ploegleider productie"),
    ("3123", "Uitvoerder bouw"),
    ("3132", "Operator waterzuivering"),
    ("3133", "Procesoperator controlekamer"),
    ("3141", "Laboratoriumanalist"),
    ("3152", "Stuurman binnenvaart"),
    ("3211", "Radiodiagnostisch laborant"),
    ("3212", "Medisch laborant"),
    ("3213", "Apothekersassistent"),
    ("3214", "Tandtechnicus"),
    ("3221", "Mbo-verpleegkundige"),
    ("3251", "Tandartsassistent"),
    ("3254", "Opticien"),
    ("3256", "Doktersassistent"),
    ("3313", "Boekhouder"),
    ("3315", "Schade-expert"),
    ("3321", "Verzekeringsadviseur"),
    ("3322", "Vertegenwoordiger"),
    ("3323", "Inkoper"),
    ("3331", "Expediteur"),
    ("3332", "Evenementenorganisator"),
    ("3333", "Intercedent"),
    ("3334", "Makelaar"),
    ("3341", "Teamleider administratie"),
    ("3342", "Juridisch secretaresse"),
    ("3343", "Directiesecretaresse"),
    ("3344", "Medisch secretaresse"),
    ("3353", "Consulent werk en inkomen"),
    ("3411", "Juridisch medewerker"),
    ("3412", "Woonbegeleider"),
    ("3422", "Sportinstructeur"),
    ("3423", "Fitnessinstructeur"),
    ("3431", "Fotograaf"),
    ("3432", "Interieurontwerper"),
    ("3434", "Chef-kok"),
    ("3511", "ICT-beheerder"),
    ("3512", "Servicedeskmedewerker"),
    ("3513", "Netwerkbeheerder"),
    ("3514", "Webbeheerder"),
    ("3521", "Geluidstechnicus"),
    // 4 Administratieve beroepen
    ("4110", "Administratief medewerker"),
    ("4120", "Secretaresse"),
    ("4132", "Data-invoerder"),
    ("4214", "Incassomedewerker"),
    ("4221", "Reisadviseur"),
    ("4222", "Klantenservicemedewerker"),
    ("4223", "Telefonist"),
    ("4224", "Hotelreceptionist"),
    ("4226", "Receptionist"),
    ("4227", "Enquêteur"),
    ("4311", "Medewerker boekhouding"),
    ("4312", "Medewerker verzekeringen"),
    ("4313", "Salarisadministrateur"),
    ("4321", "Voorraadadministrateur"),
    ("4322", "Productieplanner"),
    ("4323", "Transportplanner"),
    ("4411", "Bibliotheekmedewerker"),
    ("4412", "Postsorteerder"),
    ("4415", "Archiefmedewerker"),
    ("4416", "Personeelsadministrateur"),
    // 5 Dienstverlenende en commerciële beroepen
    ("5111", "Steward"),
    ("5113", "Reisleider"),
    ("5120", "Kok"),
    ("5131", "Medewerker bediening"),
    ("5132", "Barmedewerker"),
    ("5141", "Kapper"),
    ("5142", "Schoonheidsspecialist"),
    ("5151", "Leidinggevende schoonmaak"),
    ("5152", "Huishoudelijk medewerker"),
    ("5153", "Conciërge"),
    ("5163", "Uitvaartmedewerker"),
    ("5164", "Dierenverzorger"),
    ("5211", "Marktkoopman"),
    ("5221", "Winkelier"),
    ("5222", "Supervisor winkel"),
    ("5223", "Verkoopmedewerker"),
    ("5230", "Kassamedewerker"),
    ("5244", "Telefonisch verkoper"),
    ("5245", "Tankstationmedewerker"),
    ("5311", "Pedagogisch medewerker kinderopvang"),
    ("5312", "Onderwijsassistent"),
    ("5321", "Verzorgende IG"),
    ("5322", "Thuiszorgmedewerker"),
    ("5329", "Helpende zorg en welzijn"),
    ("5411", "Brandweerman"),
    ("5412", "Politieagent"),
    ("5414", "Beveiliger"),
    ("5419", "Toezichthouder openbare ruimte"),
    // 6 Land- en tuinbouw
    ("6111", "Akkerbouwer"),
    ("6112", "Boomkweker"),
    ("6113", "Hovenier"),
    ("6121", "Melkveehouder"),
    ("6122", "Pluimveehouder"),
    ("6210", "Bosbouwmedewerker"),
    ("6222", "Visser"),
    // 7 Ambachtelijke en technische beroepen
    ("7111", "Bouwvakker"),
    ("7112", "Metselaar"),
    ("7113", "Steenhouwer"),
    ("7114", "Betonwerker"),
    ("7115", "Timmerman"),
    ("7119", "Steigerbouwer"),
    ("7121", "Dakdekker"),
    ("7122", "Tegelzetter"),
    ("7123", "Stukadoor"),
    ("7124", "Isolatiemonteur"),
    ("7125", "Glaszetter"),
    ("7126", "Loodgieter"),
    ("7127", "Koeltechnisch monteur"),
    ("7131", "Schilder"),
    ("7132", "Autospuiter"),
    ("7133", "Gevelreiniger"),
    ("7212", "Lasser"),
    ("7213", "Plaatwerker"),
    ("7214", "Constructiebankwerker"),
    ("7223", "CNC-verspaner"),
    ("7231", "Automonteur"),
    ("7232", "Vliegtuigmonteur"),
    ("7233", "Monteur landbouwmachines"),
    ("7234", "Fietsenmaker"),
    ("7322", "Drukker"),
    ("7411", "Elektricien"),
    ("7412", "Elektromonteur"),
    ("7421", "Elektronicamonteur"),
    ("7422", "Glasvezelmonteur"),
    ("7511", "Slager"),
    ("7512", "Bakker"),
    ("7513", "Kaasmaker"),
    ("7522", "Meubelmaker"),
    ("7531", "Kleermaker"),
    ("7533", "Naaister"),
    ("7536", "Schoenmaker"),
    ("7543", "Kwaliteitscontroleur"),
    ("7544", "Ongediertebestrijder"),
    // 8 Bediening van machines, assemblage en transport
    ("8131", "Operator chemische industrie"),
    ("8142", "Machineoperator kunststof"),
    ("8160", "Productiemedewerker voedingsindustrie"),
    ("8183", "Operator verpakkingsmachine"),
    ("8189", "Machineoperator"),
    ("8211", "Assemblagemedewerker"),
    ("8212", "Assemblagemedewerker elektronica"),
    ("8311", "Machinist trein"),
    ("8312", "Rangeerder"),
    ("8321", "Scooterkoerier"),
    ("8322", "Taxichauffeur"),
    ("8331", "Buschauffeur"),
    ("8332", "Vrachtwagenchauffeur"),
    ("8341", "Trekkerchauffeur"),
    ("8342", "Machinist grondverzet"),
    ("8343", "Kraanmachinist"),
    ("8344", "Heftruckchauffeur"),
    ("8350", "Matroos"),
    // 9 Elementaire beroepen
    ("9111", "Huishoudelijke hulp"),
    ("9112", "Schoonmaker"),
    ("9121", "Medewerker wasserij"),
    ("9122", "Autowasser"),
    ("9123", "Glazenwasser"),
    ("9211", "Oogstmedewerker"),
    ("9212", "Medewerker veehouderij"),
    ("9214", "Medewerker groenvoorziening"),
    ("9312", "Grondwerker"),
    ("9313", "Bouwplaatsmedewerker"),
    ("9321", "Inpakker"),
    ("9329", "Productiemedewerker"),
    ("9331", "Fietskoerier"),
    ("9333", "Magazijnmedewerker"),
    ("9334", "Vakkenvuller"),
    ("9411", "Medewerker fastfood"),
    ("9412", "Keukenhulp"),
    ("9611", "Medewerker afvalinzameling"),
    ("9612", "Afvalsorteerder"),
    ("9613", "Straatveger"),
    ("9621", "Pakketbezorger"),
    ("9622", "Klusjesman"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut insert = Query::insert();
        insert
            .into_table("occupation")
            .columns(["isco_code", "name"]);
        for (isco, name) in OCCUPATIONS {
            insert.values_panic([(*isco).into(), (*name).into()]);
        }
        manager.exec_stmt(insert).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .exec_stmt(Query::delete().from_table("occupation").to_owned())
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::OCCUPATIONS;
    use std::collections::HashSet;

    #[test]
    fn at_least_150_unique_occupations_with_isco_codes() {
        assert!(OCCUPATIONS.len() >= 150, "{}", OCCUPATIONS.len());
        let names: HashSet<_> = OCCUPATIONS.iter().map(|(_, n)| *n).collect();
        assert_eq!(names.len(), OCCUPATIONS.len(), "names are unique");
        for (isco, name) in OCCUPATIONS {
            assert!(
                isco.len() == 4
                    && isco.chars().all(|c| c.is_ascii_digit())
                    && !isco.starts_with('0'),
                "{name}: {isco} is not an ISCO-08 unit group"
            );
        }
    }
}
