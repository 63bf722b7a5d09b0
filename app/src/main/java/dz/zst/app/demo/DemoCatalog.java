package dz.zst.app.demo;

import java.util.List;

/** What the demo marketplace sells: about fifty products across categories and the three tiers. */
final class DemoCatalog {

    record DemoSeller(String email, String fullName, String tier, String wilaya) {
    }

    record DemoProduct(String name, String brand, String category, double price, int stock, String sellerEmail) {
    }

    static final String PASSWORD = "demo1234";
    static final String ADMIN = "admin@zst.demo";
    static final String CUSTOMER = "client@zst.demo";

    static final List<DemoSeller> SELLERS = List.of(
            new DemoSeller("importateur@zst.demo", "Sahel Import", "importateur", "Alger"),
            new DemoSeller("grossiste@zst.demo", "Grossiste Oran Distribution", "grossiste", "Oran"),
            new DemoSeller("fournisseur@zst.demo", "Boutique Yasmine", "fournisseur", "Constantine"),
            new DemoSeller("fournisseur2@zst.demo", "Tlemcen Style", "fournisseur", "Tlemcen"));

    private static final String IMP = "importateur@zst.demo";
    private static final String GRO = "grossiste@zst.demo";
    private static final String F1 = "fournisseur@zst.demo";
    private static final String F2 = "fournisseur2@zst.demo";

    static final List<DemoProduct> PRODUCTS = List.of(
            new DemoProduct("Parfum Oud Royal 100 ml", "Arabian Oud", "perfume", 8500, 25, F1),
            new DemoProduct("Eau de Parfum Jasmin d'Alger", "Yasmine", "perfume", 4200, 40, F1),
            new DemoProduct("Musc Blanc Intense", "Al Rehab", "perfume", 1500, 60, F2),
            new DemoProduct("Brume Parfumée Fleur d'Oranger", "Blida Senteurs", "perfume", 1900, 0, F2),
            new DemoProduct("Rouge à Lèvres Mat Velours", "Flormar", "makeup", 1200, 80, F1),
            new DemoProduct("Palette Yeux Sahara 12 teintes", "Huda Beauty", "makeup", 6900, 12, F1),
            new DemoProduct("Mascara Volume Extrême", "Maybelline", "makeup", 1800, 45, F2),
            new DemoProduct("Fond de Teint Fluide SPF 15", "L'Oréal", "makeup", 2900, 30, F1),
            new DemoProduct("Crème Hydratante à l'Huile d'Argan", "Argania", "skincare", 2300, 50, F1),
            new DemoProduct("Savon Noir Beldi", "Hammam Tradition", "skincare", 600, 120, F2),
            new DemoProduct("Sérum Vitamine C", "The Ordinary", "skincare", 3400, 18, F1),
            new DemoProduct("Écran Solaire SPF 50+", "Bioderma", "skincare", 2800, 35, F2),
            new DemoProduct("Huile de Nigelle Pressée à Froid", "Sanabil", "haircare", 900, 70, F1),
            new DemoProduct("Masque Capillaire au Henné", "Henné Naturel", "haircare", 750, 0, F2),
            new DemoProduct("Lisseur Céramique Pro", "Babyliss", "haircare", 7900, 9, F1),
            new DemoProduct("Robe Kabyle Brodée", "Atelier Tizi", "fashion", 12000, 6, F2),
            new DemoProduct("Karakou Velours Bordeaux", "Maison Casbah", "fashion", 28000, 3, F2),
            new DemoProduct("Djellaba Homme Lin", "Tlemcen Style", "fashion", 6500, 14, F2),
            new DemoProduct("Baskets Running Légères", "Decathlon", "sports", 5400, 22, F1),
            new DemoProduct("Sac à Main Cuir Tressé", "Artisans de Ghardaïa", "accessories", 7600, 8, F1),
            new DemoProduct("Montre Classique Acier", "Casio", "accessories", 9800, 15, F2),
            new DemoProduct("Foulard Soie Motifs Berbères", "Atelier Tizi", "accessories", 2100, 30, F2),
            new DemoProduct("Écouteurs Sans Fil", "Xiaomi", "electronics", 4500, 40, F1),
            new DemoProduct("Chargeur Rapide 33 W", "Anker", "electronics", 2600, 55, F1),
            new DemoProduct("Enceinte Bluetooth Étanche", "JBL", "electronics", 11500, 10, F2),
            new DemoProduct("Dattes Deglet Nour 1 kg", "Biskra Dattes", "food", 1100, 200, F1),
            new DemoProduct("Huile d'Olive Extra Vierge 1 L", "Kabylie Oliviers", "food", 1400, 90, F2),
            new DemoProduct("Miel de Jujubier 500 g", "Rucher de l'Atlas", "food", 4800, 25, F1),
            new DemoProduct("Couscous Fin Artisanal 2 kg", "Mama Zina", "food", 650, 150, F2),
            new DemoProduct("Tapis Berbère Tissé Main", "Artisans de Ghardaïa", "home", 35000, 2, F1),
            new DemoProduct("Théière Argentée Traditionnelle", "Maison Casbah", "home", 3200, 20, F2),
            new DemoProduct("Coussins Brodés (lot de 2)", "Atelier Tizi", "home", 2900, 16, F2),
            new DemoProduct("Coffret Soin Hammam", "Hammam Tradition", "beauty", 5200, 11, F1),
            new DemoProduct("Vitamines D3 + K2", "Solgar", "health", 2700, 33, F1),
            new DemoProduct("Tensiomètre Électronique", "Omron", "health", 8900, 7, F2),
            new DemoProduct("Jeu de Construction 500 pièces", "Lego", "toys", 9900, 5, F1),
            new DemoProduct("Poupée en Tenue Traditionnelle", "Atelier Tizi", "toys", 2400, 18, F2),
            new DemoProduct("Coran Édition Tajwid", "Dar El Ilm", "books", 3000, 25, F1),
            new DemoProduct("Roman « L'Étranger »", "Gallimard", "books", 1300, 14, F2),
            new DemoProduct("Tapis de Sol Voiture Universel", "Auto Plus", "automotive", 3500, 19, F1),
            new DemoProduct("Plants de Menthe (lot de 6)", "Jardin de Blida", "garden", 800, 40, F2),
            new DemoProduct("Croquettes Chat 4 kg", "Royal Canin", "pets", 6200, 12, F1),
            new DemoProduct("Couches Bébé Taille 3 (x60)", "Pampers", "baby", 2900, 48, F2),
            new DemoProduct("Cartable Scolaire Ergonomique", "Bic", "office", 3100, 27, F1),
            new DemoProduct("Lot Stylos Gel (x12)", "Pilot", "office", 900, 0, F2),
            new DemoProduct("Parfums en Gros : Carton de 48 Flacons", "Arabian Oud", "perfume", 190000, 30, GRO),
            new DemoProduct("Rouges à Lèvres en Gros : Lot de 200", "Flormar", "makeup", 160000, 15, GRO),
            new DemoProduct("Dattes Deglet Nour : Palette 500 kg", "Biskra Dattes", "food", 330000, 8, GRO),
            new DemoProduct("Conteneur Écouteurs Sans Fil (2000 u.)", "Xiaomi", "electronics", 5200000, 3, IMP),
            new DemoProduct("Huile d'Argan Vrac : Fût de 200 L", "Argania", "skincare", 2400000, 2, IMP),
            new DemoProduct("Tissus Velours : 1000 m", "Textiles Import", "fashion", 950000, 5, IMP));

    private DemoCatalog() {
    }
}
