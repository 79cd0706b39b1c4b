import Foundation

/// A valid scenario and minimal data files, written to a fresh temporary folder laid out
/// like `Data/` (`scenarios/`, `cpo/`, `series/`) so the scenario's relative paths resolve.
///
/// `scenarioText` is a copy of `Data/scenarios/cpo-baseline.toml` as of this writing, kept
/// here so that the corpus's line numbers do not move when the baseline is edited.
enum ScenarioFixture {
    /// The scenario's path inside the folder.
    static let scenarioName = "scenarios/cpo-baseline.toml"

    static let scenarioText = #"""
# CPO baseline: co-packaged optics in AI data centers, 2026–2035, as the analysts' consensus
# sees it after the slips of 2019–2024. Hyperscalers trial CPO now and start volume with the
# 102.4T generation (Broadcom Davisson shipping Oct 2025, NVIDIA Spectrum-X Photonics 2H 2026);
# enterprise and colocation operators follow, pulled by the hyperscalers (influence weight w),
# once ELSFP lasers make CPO serviceable. LPO and NPO bridge the gap. The segment parameters
# below are starting values: they are calibrated to the cited anchors in Data/cpo/anchors.csv
# with priors from analog ramps (25G/100G switch ports, 10GbE, silicon photonics) and the
# published p/q tables. No wildcard is switched on; each is reported as a difference.

[study]
name = "cpo-baseline"
title = "Co-packaged optics in AI data centers: baseline"
first_year = 2026
last_year = 2035
seed = 20261125          # Monte Carlo draws for the 5–95 % bands
draws = 2000

[segments.hyperscale]
p = 0.02                 # per year; starting value (calibrated)
q = 0.60                 # per year; fast imitation among a few large buyers
ceiling = 0.85           # copper and pluggables keep ~15 % of optical ports (short reach, legacy)
elsfp_share = 0.90       # Davisson and Quantum-X Photonics ship with field-replaceable lasers

[segments.enterprise]
p = 0.005
q = 0.45
influence_weight = 0.6   # weight of hyperscale adoption in enterprise imitation (Van den Bulte & Joshi w)
ceiling = 0.70
elsfp_share = 0.95       # enterprises wait for pluggable lasers

[technologies.lpo]
introduction_year = 2024 # 800G LPO modules in volume from 2024
p = { hyperscale = 0.06, enterprise = 0.02 }
q = { hyperscale = 0.50, enterprise = 0.35 }
ceiling = { hyperscale = 0.30, enterprise = 0.20 }   # short reach only: at most ~30 % of ports
asp_usd = 600            # USD per 800G port in the first forecast year
asp_decline = 0.10       # per year
watts_per_port = [8.0, 8.5, 9.0]      # 800G LPO: 8–9 W

[technologies.npo]
introduction_year = 2026
p = { hyperscale = 0.01, enterprise = 0.005 }
q = { hyperscale = 0.40, enterprise = 0.30 }
ceiling = { hyperscale = 0.10, enterprise = 0.10 }   # "NPO waits for a champion" (Cignal AI)
asp_usd = 650
asp_decline = 0.10
watts_per_port = [7.0, 9.0, 11.0]

[technologies.cpo]
introduction_year = 2023 # first CPO switches in the field: Humboldt at Tencent (2022), Bailly demo (2023)
asp_usd = 700            # per 800G port; engine + laser ~10 % above a pluggable (Bernstein)
asp_decline = 0.12
watts_per_port = [5.5, 7.0, 9.0]      # Bailly 5.5 W/800G; Davisson and NVIDIA ~9 W/port

[technologies.pluggable]
asp_usd = 640            # 800G DSP module
asp_decline = 0.10
watts_per_port = [14.0, 15.0, 16.0]   # Broadcom: 14–16 W per 800G pluggable

[demand]
ports_file = "../cpo/ai_dc_optical_ports.csv"   # millions of 800G-equivalent ports per year
growth_after_data = 0.25                         # falls linearly to long_run_growth by last_year
long_run_growth = 0.08
port_lifetime_years = 5
hyperscale_share = { years = [2023, 2025, 2030], values = [0.70, 0.75, 0.80] }
switch_generations = [
  { year = 2023.5, capacity_tbps = 51.2 },
  { year = 2025.8, capacity_tbps = 102.4 },
  { year = 2028.0, capacity_tbps = 204.8 },  # extrapolated: no public 204.8T date
]

[power]
pue = 1.3
price_usd_per_mwh = 80
claimed_watts_per_port = [5.0, 10.0, 15.0]       # the brief: 5–15 W saved per 800G port
claimed_watts_per_switch = [200.0, 350.0, 500.0] # the brief: 200–500 W per switch
claimed_fraction_saved = [0.20, 0.30, 0.40]      # the brief: 20–40 % less interconnect power
field_watts_per_port = 21.2                      # Lambda: 3.05 kW saved per 144-port switch

[stages]
narrative = { acceptance = 2026, dependency = 2029, optimization = 2032 }
acceptance_share = 0.025
dependency_share = 0.16
optimization_share = 0.50
tolerance_years = 1.0

[calibration]
enabled = true
anchors_file = "../cpo/anchors.csv"
vintages_file = "../cpo/forecast_vintages.csv"
analog_files = ["../cpo/analog_dc_switch_port_share_25g.csv", "../cpo/analog_tengbe_share.csv", "../cpo/analog_silicon_photonics_share.csv"]
published_pq_file = "../series/published_pq_tables.csv"
optimism_correction = true
current_year = 2026.9
anchor_sigma = { P = 0.35, S = 0.50, D = 0.50, Q = 1.00 }   # log-scale standard deviation by quality

[[wildcards]]
id = "small_models"
description = "Small language models cut the need for high-speed interconnect: AI port demand grows slower"
probability = 0.30
window = [2027, 2030]
enabled = false
target = "demand"
segments = ["hyperscale", "enterprise"]
multiplier = 0.75
expected_direction = -1          # fewer ports; share unchanged, ports and power saved fall

[[wildcards]]
id = "copper_in_rack"
description = "Copper (NVLink-class) persists in the rack: fiber only where copper fails, CPO's addressable share shrinks"
probability = 0.50
window = [2026, 2029]
enabled = false
target = "m"
segments = ["hyperscale", "enterprise"]
multiplier = 0.80
expected_direction = -1

[[wildcards]]
id = "laser_reliability"
description = "Thermal and laser reliability setbacks slow imitation"
probability = 0.25
window = [2026, 2028]
enabled = false
target = "q"
segments = ["hyperscale", "enterprise"]
multiplier = 0.70
expected_direction = -1

[[wildcards]]
id = "elsfp_serviceability"
description = "External laser sources (ELSFP) restore partial pluggability and ease repair anxiety in enterprises"
probability = 0.60
window = [2027, 2029]
enabled = false
target = "q"
segments = ["enterprise"]
multiplier = 1.30
expected_direction = 1

[[wildcards]]
id = "standards"
description = "Interoperability standards (OIF CPO and ELSFP IAs) arrive fast: more operators adopt on their own"
probability = 0.40
window = [2026, 2028]
enabled = false
target = "p"
segments = ["enterprise"]
multiplier = 1.50
expected_direction = 1

[[wildcards]]
id = "vendor_lock_in"
description = "Fear of vendor lock-in (switch and optics from one vendor) delays CPO's volume start"
probability = 0.35
window = [2026, 2027]
enabled = false
target = "introduction_year"
segments = ["hyperscale", "enterprise"]
shift_years = 1.0
expected_direction = -1
"""#

    /// Minimal data files, by path inside the folder.
    static let dataFiles: [String: String] = [
        "cpo/ai_dc_optical_ports.csv": #"""
            # millions of 800G-equivalent ports
            year,value,unit,source,quality
            2024,4.5,million ports,"derived, see notes",D
            2025,22,million ports,derived,D
            2026,67.5,million ports,derived,D

            """#,
        "cpo/anchors.csv": #"""
            # anchors
            year,metric,segment,value,unit,vintage,quality,source
            2027,cpo_ports,all,4.5,million CPO ports shipped,2023.11,S,"LightCounting, via a repost"
            2030,cpo_share,all,35,% of AI-DC optical modules,2026.19,S,TrendForce
            2026,cpo_revenue,hyperscale,0.344,USD bn,2020.98,P,CIR

            """#,
        "cpo/forecast_vintages.csv": #"""
            vintage,predicted_volume_year,quality,source,note
            2019.2,2023,D,"Microsoft + Facebook, Light Reading",ramp start
            2025.95,2026.75,S,Lumentum CEO,ramp start

            """#,
        "cpo/analog_dc_switch_port_share_25g.csv": #"""
            year,value,unit,source,quality
            2015,0,%,introduction,D
            2017,15,%,IHS,S
            2020,50,%,Dell'Oro,S

            """#,
        "cpo/analog_tengbe_share.csv": #"""
            year,value,unit,source,quality
            2001,0,%,introduction,D
            2013.9,50,%,Crehan,S

            """#,
        "cpo/analog_silicon_photonics_share.csv": #"""
            year,value
            2011,0
            2022,24
            2025,30

            """#,
        "series/published_pq_tables.csv": #"""
            # Published p, q
            source,category,product,p,q,confidence
            "Van den Bulte, ""compiled""",Agricultural,Corn,0.0388,1.00534,"exact copy, mixed"
            Sultan,Durables,Color TV,0.0,0.5,high

            """#,
    ]

    /// Writes `scenario` and the data `files` to a new temporary folder, which is removed
    /// when the returned value is released.
    static func write(scenario: String = scenarioText, dataFiles files: [String: String] = dataFiles) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write(scenario, to: scenarioName)
        for (name, text) in files { try folder.write(text, to: name) }
        return folder
    }
}

/// A fresh folder under the system's temporary folder, removed when the value is released.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("adopt-scenario-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// The path of `name` inside the folder.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `text` as UTF-8 to `name` (creating folders as needed) and returns its path.
    @discardableResult
    func write(_ text: String, to name: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file.path
    }
}
