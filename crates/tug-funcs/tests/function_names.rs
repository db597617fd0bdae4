//! Every function name a Helm v4.2 chart can call is registered (Sprig v3.3.0 without
//! `env`/`expandenv`, plus Helm's own), and nothing Helm removed is.

use std::collections::BTreeSet;

const SPRIG: &str = "abbrev abbrevboth trunc trim trimAll trimall trimSuffix trimPrefix upper lower title \
untitle substr repeat nospace initials swapcase shuffle snakecase camelcase kebabcase wrap wrapWith \
contains hasPrefix hasSuffix quote squote cat indent nindent replace plural toString toStrings split \
splitList splitn join sortAlpha seq hello randAlphaNum randAlpha randAscii randNumeric randBytes randInt \
uuidv4 sha1sum sha256sum sha512sum adler32sum bcrypt htpasswd genPrivateKey derivePassword \
buildCustomCert genCA genCAWithKey genSelfSignedCert genSelfSignedCertWithKey genSignedCert \
genSignedCertWithKey encryptAES decryptAES atoi int int64 float64 toDecimal until untilStep add1 add \
sub div mod mul add1f addf subf divf mulf biggest max min maxf minf ceil floor round default empty \
coalesce all any compact mustCompact ternary fail fromJson toJson toPrettyJson toRawJson mustFromJson \
mustToJson mustToPrettyJson mustToRawJson b64enc b64dec b32enc b32dec typeOf typeIs typeIsLike kindOf \
kindIs deepEqual deepCopy mustDeepCopy base dir clean ext isAbs osBase osClean osDir osExt osIsAbs \
getHostByName urlParse urlJoin tuple list append push mustAppend mustPush prepend mustPrepend first \
mustFirst rest mustRest last mustLast initial mustInitial reverse mustReverse uniq mustUniq without \
mustWithout has mustHas slice mustSlice concat chunk mustChunk dict get set unset hasKey pluck keys \
pick omit merge mergeOverwrite mustMerge mustMergeOverwrite values dig ago date date_in_zone \
date_modify dateInZone dateModify duration durationRound htmlDate htmlDateInZone must_date_modify \
mustDateModify mustToDate now toDate unixEpoch semver semverCompare regexMatch mustRegexMatch \
regexFindAll mustRegexFindAll regexFind mustRegexFind regexReplaceAll mustRegexReplaceAll \
regexReplaceAllLiteral mustRegexReplaceAllLiteral regexSplit mustRegexSplit regexQuoteMeta";

const HELM: &str = "toYaml mustToYaml toYamlPretty fromYaml fromYamlArray toJson mustToJson fromJson \
fromJsonArray toToml mustToToml fromToml include tpl required fail lookup";

#[test]
fn every_helm_function_is_registered() {
    let have: BTreeSet<&str> = tug_funcs::helm().iter().map(|f| f.name).collect();
    let missing: Vec<&str> = SPRIG
        .split_whitespace()
        .chain(HELM.split_whitespace())
        .filter(|n| !have.contains(n))
        .collect();
    assert!(missing.is_empty(), "not registered: {missing:?}");
    assert!(
        !have.contains("env") && !have.contains("expandenv"),
        "Helm removes env/expandenv"
    );
}
