import AdoptScenario

/// Technology shares when each generation replaces all earlier ones.
///
/// Generation g (pluggable, LPO, NPO, CPO in order) has reached a fraction Aᵍ of
/// the ports it could ever take; the incumbent has A = 1. As in Norton & Bass
/// (1987), a later generation takes its share from every earlier one:
///
///     shareᵍ = Aᵍ · Π_{h > g} (1 − Aʰ)
///
/// which telescopes to Σ shareᵍ = 1 whenever A_pluggable = 1, with every share in [0, 1]
/// when each A is.
///
/// Norton, J. A. & Bass, F. M. (1987), "A diffusion theory model of adoption and
/// substitution for successive generations of high-technology products",
/// *Management Science* 33(9), 1069–1086.
enum Substitution {
    /// Shares in `TechnologyID.allCases` order from the adoption levels of LPO, NPO and CPO.
    static func shares(lpo: Double, npo: Double, cpo: Double) -> [TechnologyID: Double] {
        let cpoShare = cpo
        let npoShare = npo * (1 - cpo)
        let lpoShare = lpo * (1 - npo) * (1 - cpo)
        let pluggable = (1 - lpo) * (1 - npo) * (1 - cpo)
        return [.pluggable: pluggable, .lpo: lpoShare, .npo: npoShare, .cpo: cpoShare]
    }
}
