"""The seeded generator: plans the office, producers and products of a demo database."""

from __future__ import annotations

import datetime as dt
import math
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ocop_desktop.demo.constants import (
    FIELD_OFFICE_MAX_SHARE,
    PRODUCTS_PER_COMMUNE,
)
from ocop_desktop.demo.data import (
    _BRAND_HEADS,
    _BRAND_TAILS,
    _CATALOGUE,
    _CB_AREAS,
    _CB_ETHNICITY,
    _CB_ETHNICITY_DEFAULT,
    _CB_FIELD_ORDER,
    _CB_NEIGHBOURS,
    _COMPANY_TRADES,
    _DESC_CRAFT,
    _DESC_FOOD,
    _DESC_IDEA,
    _DESC_TOURISM,
    _ENTERPRISES,
    _FIVE_STAR_SHARE,
    _FOUR_STAR_SHARE,
    _G,
    _GENERIC_ETHNICITY,
    _GENERIC_VILLAGES,
    _HOUSEHOLDS,
    _HTX_TRADES,
    _ID_PREFIX,
    _ISSUERS,
    _KIND_SHARES,
    _KINH,
    _LANDLINE_AREA,
    _NAMES_BY_ETHNICITY,
    _ORG_KINDS,
    _PRODUCER_NOTES,
    _PRODUCTS_WEIGHT,
    _STATUS_SHARES,
    _STREETS,
    _STRENGTH,
    _TAX_PREFIX,
    _VILLAGE_HEADS,
    _VILLAGE_TAILS,
    CAO_BANG,
    _Area,
    _Item,
)
from ocop_desktop.domain import geography
from ocop_desktop.domain.identifiers import make_tax_code
from ocop_desktop.domain.product_sets import TOURISM_SET
from ocop_desktop.domain.vocab import OfficeRole, ProducerKind, ProductStatus, Sex
from ocop_desktop.text import fold

# ---------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------

def _quotas(n: int, shares: Sequence[tuple[object, float]], *, at_least_one_from: int = 0) -> list[object]:
    """``n`` labels split by ``shares`` (largest remainder). When ``n`` ≥ ``at_least_one_from``
    every label gets at least one (taken from the largest)."""
    raw = [(label, n * share) for label, share in shares]
    counts = [int(x) for _label, x in raw]
    rest = n - sum(counts)
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i][1] - counts[i]), i))
    for i in order[:rest]:
        counts[i] += 1
    if at_least_one_from and n >= at_least_one_from:
        for i in range(len(counts)):
            if counts[i] == 0:
                j = max(range(len(counts)), key=lambda k: (counts[k], -k))
                counts[j] -= 1
                counts[i] += 1
    out: list[object] = []
    for (label, _share), c in zip(raw, counts, strict=True):
        out.extend([label] * c)
    return out


def _weighted(rng: random.Random, pairs: Sequence[tuple[object, float]]) -> object:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _short(commune_name: str) -> str:
    for prefix in ("Phường ", "Xã ", "Đặc khu "):
        if commune_name.startswith(prefix):
            return commune_name[len(prefix):]
    return commune_name


def _add_years(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29/2
        return d.replace(year=d.year + years, day=28)


def _date_in(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    if end <= start:
        return start
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def _email_local(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch.isascii() and ch.isalnum())[:24] or "ocop"


@dataclass
class _Rep:
    name: str
    sex: str
    ethnicity: str
    birth: dt.date
    disability: bool


@dataclass
class _ProducerPlan:
    kind: ProducerKind
    commune: int
    area: str | None
    item: _Item
    rep: _Rep
    brand: str
    weight: float
    id: str = ""
    product_names: set[str] = field(default_factory=set)


# ---------------------------------------------------------------------------------
# The generator
# ---------------------------------------------------------------------------------

class _Generator:
    def __init__(self, province: geography.Province, seed: int, today: dt.date) -> None:
        self.rng = random.Random(seed)
        # Record ids from their own stream, so the content does not shift with them.
        self.id_rng = random.Random(f"ocop-demo-ids:{seed}")
        self.seed = seed
        self.today = today
        self.province = province
        self.is_cb = province.code == CAO_BANG
        communes = geography.communes(province.code)
        self.all_communes = [c.code for c in communes]
        self.area_of: dict[int, str | None] = {}
        self.areas: dict[str, _Area] = {}
        self.area_communes: dict[str, list[int]] = {}
        if self.is_cb:
            by_fold = {fold(c.name.split(" ", 1)[1]): c.code for c in communes}
            for a in _CB_AREAS:
                codes = [by_fold[fold(n)] for n in a.communes if fold(n) in by_fold]
                self.areas[a.key] = a
                self.area_communes[a.key] = codes
                for code in codes:
                    self.area_of[code] = a.key
        for code in self.all_communes:
            self.area_of.setdefault(code, None)
        self.used_identifiers: set[str] = set()
        self.used_producer_names: set[str] = set()
        self.used_emails: set[str] = set()
        self.used_phones: set[str] = set()
        self.villages: dict[int, list[str]] = {}
        self.cert_seq = 0

    # -- ids -----------------------------------------------------------------------
    def new_id(self) -> str:
        return str(uuid.UUID(int=self.id_rng.getrandbits(128), version=4))

    # -- office --------------------------------------------------------------------
    def plan_office(self, n_products: int, role: str | None = None) -> tuple[str, str, list[int]]:
        """(office name, role, commune codes). ``role`` None: a field office unless the
        data set needs most of the province's communes."""
        rng = self.rng
        need = max(3, math.ceil(n_products / PRODUCTS_PER_COMMUNE))
        total = len(self.all_communes)
        if role == OfficeRole.PROVINCE or (role is None and need > FIELD_OFFICE_MAX_SHARE * total):
            pname = self.province.name
            where = "thành phố " + pname[len("Thành phố "):] if pname.startswith("Thành phố ") else "tỉnh " + pname
            return f"Văn phòng Điều phối nông thôn mới {where}", OfficeRole.PROVINCE.value, list(self.all_communes)
        if self.is_cb:
            first = _CB_FIELD_ORDER[(self.seed - 1) % len(_CB_FIELD_ORDER)]
            keys = [first]
            codes = list(self.area_communes[first])
            for nb in _CB_NEIGHBOURS[first]:
                if len(codes) >= need:
                    break
                keys.append(nb)
                codes.extend(self.area_communes[nb])
            label = " – ".join(self.areas[k].label for k in keys[:2]) + (" và vùng lân cận" if len(keys) > 2 else "")
            return f"Trung tâm Dịch vụ nông nghiệp {label}", OfficeRole.FIELD.value, sorted(codes)
        start = rng.randrange(total)
        codes = [self.all_communes[(start + i) % total] for i in range(min(need, total))]
        label = _short(geography.commune_name(codes[0]))
        return f"Trung tâm Dịch vụ nông nghiệp {label}", OfficeRole.FIELD.value, sorted(codes)

    # -- places ----------------------------------------------------------------------
    def village_list(self, commune: int) -> list[str]:
        got = self.villages.get(commune)
        if got is not None:
            return got
        rng = random.Random(f"ocop-demo-villages:{self.seed}:{commune}")
        name = geography.commune_name(commune)
        if not self.is_cb:
            out = rng.sample(_GENERIC_VILLAGES, 8)
        else:
            kind = "Tổ dân phố" if name.startswith("Phường") else "Xóm"
            out = []
            area = self.area_of.get(commune)
            if area:
                out += [f"{kind} {v}" for c, v in self.areas[area].villages if fold(c) == fold(_short(name))]
            seen = {fold(v) for v in out}
            while len(out) < 10:
                if kind == "Tổ dân phố":
                    v = f"Tổ dân phố {len(out) + 1}"
                else:
                    v = f"{kind} {rng.choice(_VILLAGE_HEADS)} {rng.choice(_VILLAGE_TAILS)}"
                if fold(v) not in seen:
                    seen.add(fold(v))
                    out.append(v)
        self.villages[commune] = out
        return out

    def village_word(self, commune: int) -> str:
        """A village name without its 'Xóm/Thôn' word (for producer and product names)."""
        v = self.rng.choice(self.village_list(commune))
        for prefix in ("Xóm ", "Thôn ", "Bản "):
            if v.startswith(prefix):
                return v[len(prefix):]
        return _short(geography.commune_name(commune))

    def commune_place(self, commune: int) -> str:
        name = geography.commune_name(commune)
        return "Cao Bằng" if (self.is_cb and name.startswith("Phường")) else _short(name)

    def item_place(self, item: _Item, commune: int) -> str:
        area = self.area_of.get(commune)
        home = [name for name, where in item.places if where is None or where == area]
        if home and self.rng.random() < 0.85:
            return self.rng.choice(home)
        if self.rng.random() < 0.3:
            return self.village_word(commune)
        return self.commune_place(commune)

    # -- people ------------------------------------------------------------------------
    def person(self, commune: int, *, female_share: float) -> _Rep:
        rng = self.rng
        if self.is_cb:
            weights = _CB_ETHNICITY.get(self.area_of.get(commune) or "", _CB_ETHNICITY_DEFAULT)
        else:
            weights = _GENERIC_ETHNICITY
        eth = _weighted(rng, weights)
        names = _NAMES_BY_ETHNICITY.get(eth, _KINH)
        female = rng.random() < female_share
        surname = _weighted(rng, names.surnames)
        middle = _weighted(rng, names.female_middle if female else names.male_middle)
        given = rng.choice(names.female if female else names.male)
        birth = _date_in(rng, dt.date(1958, 1, 1), dt.date(2001, 12, 31))
        return _Rep(f"{surname} {middle} {given}", Sex.FEMALE.value if female else Sex.MALE.value, eth, birth,
                    rng.random() < 0.025)

    def brand(self) -> str:
        rng = self.rng
        while True:
            a, b = rng.choice(_BRAND_HEADS), rng.choice(_BRAND_TAILS)
            if a != b:
                return f"{a} {b}"

    # -- identifiers ----------------------------------------------------------------------
    def tax_code(self, prefix: str | None = None) -> str:
        rng = self.rng
        prefix = prefix or _TAX_PREFIX.get(self.province.code, "01")
        while True:
            first9 = prefix + "".join(str(rng.randrange(10)) for _ in range(9 - len(prefix)))
            code = make_tax_code(first9)
            if code and code not in self.used_identifiers:
                self.used_identifiers.add(code)
                return code

    def business_tax_code(self) -> str:
        prefix = _TAX_PREFIX.get(self.province.code, "01")
        return self.tax_code(prefix + self.rng.choice(("00", "00", "00", "01")))

    def personal_id(self, rep: _Rep) -> str:
        rng = self.rng
        prov = _ID_PREFIX.get(self.province.code, "001")
        if rep.ethnicity == "01" and rng.random() < 0.3:
            prov = rng.choice(("001", "020", "019", "036", "031"))  # born in the lowlands
        century = (0 if rep.birth.year < 2000 else 2) + (1 if rep.sex == Sex.FEMALE else 0)
        while True:
            value = f"{prov}{century}{rep.birth.year % 100:02d}{rng.randrange(10**6):06d}"
            if value not in self.used_identifiers:
                self.used_identifiers.add(value)
                return value

    def phone(self) -> str:
        rng = self.rng
        while True:
            if rng.random() < 0.18:
                area = _LANDLINE_AREA.get(self.province.code, "24")
                # 10 national digits: area code + subscriber number (0206 3852 123, 024 3812 3456).
                mid = 10 - len(area) - 5  # digits between "38" and the last three
                rest = f"38{rng.randrange(10 ** mid):0{mid}d}{rng.randrange(1000):03d}"
                digits = f"0{area}{rest}"
                text = f"0{area} {rest[:4]} {rest[4:]}"
            else:
                prefix = rng.choice(("091", "094", "088", "083", "097", "098", "096", "086", "036", "033",
                                     "035", "090", "093", "079", "082", "085"))
                rest = f"{rng.randrange(10**7):07d}"
                digits = prefix + rest
                text = f"{digits[:4]} {digits[4:7]} {digits[7:]}"
            if digits not in self.used_phones:
                self.used_phones.add(digits)
                return text

    def email(self, base: str) -> str:
        rng = self.rng
        local = _email_local(base)
        domain = rng.choice(("gmail.com", "gmail.com", "gmail.com", "gmail.com", "yahoo.com", "outlook.com"))
        candidate = f"{local}@{domain}"
        n = 1
        while candidate in self.used_emails:
            n += 1
            candidate = f"{local}{n}@{domain}"
        self.used_emails.add(candidate)
        return candidate

    # -- catalogue -------------------------------------------------------------------------
    def eligible_items(self, commune: int, kind: ProducerKind) -> list[tuple[_Item, float]]:
        area = self.area_of.get(commune)
        out = []
        for it in _CATALOGUE:
            if not self.is_cb and it.cb_only:
                continue
            if kind == ProducerKind.HOI:
                if it.makers != "tourism":
                    continue
            elif it.makers == "org" and kind not in _ORG_KINDS:
                continue
            elif it.makers == "tourism" and kind not in (ProducerKind.HTX, ProducerKind.THT,
                                                         ProducerKind.HO_KINH_DOANH, ProducerKind.TRANG_TRAI):
                continue
            weight = it.weight
            if it.areas:
                if area not in it.areas:
                    continue
                weight *= 2.5  # the area's own specialities dominate its register
            out.append((it, weight))
        if not out:  # e.g. an association where no tourism item fits: generic eco-tourism
            out = [(it, 1.0) for it in _CATALOGUE if it.makers == "tourism" and not it.areas]
        return out

    # -- producers ---------------------------------------------------------------------------
    def plan_producers(self, n: int, communes: list[int]) -> list[_ProducerPlan]:
        rng = self.rng
        kinds = _quotas(n, _KIND_SHARES, at_least_one_from=40)
        if n >= 20 and ProducerKind.HOI in kinds and kinds.count(ProducerKind.HOI) < 2:
            kinds[kinds.index(ProducerKind.HTX)] = ProducerKind.HOI  # "a couple" of associations
        rng.shuffle(kinds)
        # Communes get uneven shares: some are busier than others.
        cweights = [0.4 + rng.random() * 1.6 for _c in communes]
        plans = []
        for kind in kinds:
            commune = rng.choices(communes, weights=cweights)[0]
            items = self.eligible_items(commune, kind)
            item = _weighted(rng, items)
            female_share = 0.48 if kind in _HOUSEHOLDS else 0.33
            rep = self.person(commune, female_share=female_share)
            plans.append(_ProducerPlan(kind=kind, commune=commune, area=self.area_of.get(commune), item=item,
                                       rep=rep, brand=self.brand(), weight=_PRODUCTS_WEIGHT[kind]))
        return plans

    def producer_name(self, p: _ProducerPlan) -> str:
        rng = self.rng
        for attempt in range(40):
            place = self.item_place(p.item, p.commune) if rng.random() < 0.6 else self.village_word(p.commune)
            k = p.kind
            if k == ProducerKind.HTX:
                trade = p.item.industry if rng.random() < 0.55 else rng.choice(_HTX_TRADES)
                head = "HTX" if rng.random() < 0.8 else "Hợp tác xã"
                name = f"{head} {trade} {place}"
            elif k == ProducerKind.CONG_TY_TNHH:
                trade = rng.choice(_COMPANY_TRADES) if rng.random() < 0.7 else p.item.industry
                name = f"Công ty TNHH {trade} {p.brand}"
                if rng.random() < 0.25:
                    name += " " + self.commune_place(p.commune)
            elif k == ProducerKind.DNTN:
                name = rng.choice(("Doanh nghiệp tư nhân", "DNTN")) + f" {p.brand}"
                if rng.random() < 0.4:
                    name = f"Doanh nghiệp tư nhân {p.item.industry} {p.brand}"
            elif k == ProducerKind.CONG_TY_CP:
                trade = rng.choice(_COMPANY_TRADES) if rng.random() < 0.6 else p.item.industry
                head = rng.choice(("Công ty CP", "Công ty cổ phần"))
                name = f"{head} {trade} {p.brand}"
                if rng.random() < 0.35:
                    name += " " + (self.province.name.removeprefix("Tỉnh ").removeprefix("Thành phố "))
            elif k == ProducerKind.HO_KINH_DOANH:
                if rng.random() < 0.6:
                    name = f"Hộ kinh doanh {p.rep.name}"
                else:
                    name = f"Cơ sở sản xuất {p.item.industry} {p.brand}"
            elif k == ProducerKind.HO_SAN_XUAT:
                trade = "sản xuất" if rng.random() < 0.75 else p.item.industry.lower()
                name = f"Hộ {trade} {p.rep.name}"
            elif k == ProducerKind.THT:
                name = f"Tổ hợp tác {p.item.industry} {place}"
            elif k == ProducerKind.TRANG_TRAI:
                what = p.rep.name if rng.random() < 0.5 else f"{p.item.industry.lower()} {place}"
                name = f"Trang trại {what}"
            else:  # HOI
                name = rng.choice(("Hội Du lịch cộng đồng", "Ban quản lý Du lịch cộng đồng",
                                   "Hội Nông dân")) + f" {place}"
            if attempt >= 30:
                name += f" {self.commune_place(p.commune)}" if attempt < 35 else f" số {attempt - 33}"
            key = fold(name)
            if key not in self.used_producer_names:
                self.used_producer_names.add(key)
                return name
            # A household named after its representative: another person of the same name is
            # unlikely in one office; draw a new representative instead.
            if k in _HOUSEHOLDS or k == ProducerKind.TRANG_TRAI:
                p.rep = self.person(p.commune, female_share=0.45)
            p.brand = self.brand()
        raise RuntimeError("could not make a unique producer name")  # pragma: no cover

    def producer_data(self, p: _ProducerPlan):  # noqa: ANN201
        from ocop_desktop.services.producers import ProducerData

        rng, today = self.rng, self.today
        k = p.kind
        name = self.producer_name(p)
        d = ProducerData(kind=k.value, name=name, commune_code=p.commune)
        area = self.areas.get(p.area) if p.area else None
        area_idx = list(self.areas).index(p.area) if p.area else 0
        # Identifier, registration.
        if k in _ORG_KINDS:
            if k in _ENTERPRISES and rng.random() < 0.06:
                # A branch of a company registered elsewhere (13-digit branch code).
                parent = self.tax_code(rng.choice(("01", "02", "46", "49", "48")))
                d.identifier = f"{parent}-{rng.randint(1, 12):03d}"
                d.name = f"Chi nhánh {name} tại {self.commune_place(p.commune)}"
                self.used_producer_names.add(fold(d.name))
                self.used_identifiers.add(d.identifier)
                d.reg_number = d.identifier
            else:
                d.identifier = self.business_tax_code()
                d.reg_number = d.identifier
            founded = dt.date(2004 if k == ProducerKind.HTX else 2000, 1, 1)
            d.reg_date = _date_in(rng, founded, today - dt.timedelta(days=120))
        elif k in _HOUSEHOLDS or k == ProducerKind.TRANG_TRAI:
            r = rng.random()
            if r < 0.6:
                d.identifier = self.personal_id(p.rep)
            elif r < 0.85:
                d.identifier = self.tax_code("80")  # personal tax code of the household head
            if k != ProducerKind.HO_SAN_XUAT or rng.random() < 0.55:
                d.reg_date = _date_in(rng, dt.date(2010, 1, 1), today - dt.timedelta(days=60))
                if k == ProducerKind.TRANG_TRAI:
                    d.reg_number = f"{rng.randint(1, 60):02d}/GCN-KTTT"
                else:
                    d.reg_number = f"{self.province.code:02d}{'ABCDEFGHIJKL'[area_idx]}8{rng.randrange(10**6):06d}"
        elif k == ProducerKind.THT:
            if rng.random() < 0.4:
                d.identifier = self.business_tax_code()
            d.reg_date = _date_in(rng, dt.date(2012, 1, 1), today - dt.timedelta(days=60))
            d.reg_number = f"{rng.randint(1, 40):02d}/HĐHT-UBND"
        else:  # HOI
            d.identifier = self.business_tax_code()
            d.reg_date = _date_in(rng, dt.date(2008, 1, 1), today - dt.timedelta(days=365))
            d.reg_number = f"{rng.randint(10, 999)}/QĐ-UBND"
        if k == ProducerKind.CONG_TY_CP:
            d.local_capital_share = Decimal(rng.choice((rng.randint(10, 50), rng.randint(51, 90)))) + \
                Decimal(rng.choice((0, 0, 50))) / 100
        # Representative.
        rep = p.rep
        d.rep_name, d.rep_sex, d.rep_ethnicity, d.rep_disability = rep.name, rep.sex, rep.ethnicity, rep.disability
        d.rep_title = {
            ProducerKind.HTX: rng.choice(("Giám đốc", "Giám đốc", "Chủ tịch HĐQT kiêm Giám đốc")),
            ProducerKind.CONG_TY_TNHH: "Giám đốc",
            ProducerKind.DNTN: "Chủ doanh nghiệp",
            ProducerKind.CONG_TY_CP: rng.choice(("Giám đốc", "Tổng giám đốc")),
            ProducerKind.THT: "Tổ trưởng",
            ProducerKind.TRANG_TRAI: "Chủ trang trại",
            ProducerKind.HO_KINH_DOANH: "Chủ hộ kinh doanh",
            ProducerKind.HO_SAN_XUAT: "Chủ hộ",
            ProducerKind.HOI: rng.choice(("Chủ tịch Hội", "Trưởng ban quản lý")),
        }[k]
        # Address.
        village = rng.choice(self.village_list(p.commune))
        if village.startswith("Tổ dân phố") and rng.random() < 0.5:
            village = f"Số {rng.randint(1, 150)}, phố {rng.choice(_STREETS)}"
        d.address_detail = village
        if area is not None and rng.random() < 0.14:
            # Records made before the 2025 reform keep the old commune and district.
            legacy = f"{village}, {rng.choice(area.old_units)}, {area.old_district}, tỉnh Cao Bằng"
            d.legacy_address = legacy[0].upper() + legacy[1:]
        # Contact.
        d.phone = self.phone() if rng.random() < 0.95 else ""
        if rng.random() < (0.6 if k in _ORG_KINDS else 0.25):
            d.email = self.email(name if k not in _HOUSEHOLDS else rep.name)
        # Food-safety certificate for food and drink makers.
        if p.item.product_set <= 17 and rng.random() < (0.85 if k in _ORG_KINDS else 0.55):
            issued = _date_in(rng, max(dt.date(2019, 1, 1), d.reg_date or dt.date(2019, 1, 1)),
                              today - dt.timedelta(days=30))
            issuer = "SNN" if rng.random() < 0.5 else "QLCL"
            d.food_safety_cert_no = f"{rng.randint(1, 250):03d}/{issued.year}/GCNATTP-{issuer}"
            d.food_safety_cert_expiry = _add_years(issued, 3)
        if rng.random() < 0.22:
            note = rng.choice(_PRODUCER_NOTES)
            d.notes = note.format(year=rng.randint(2019, today.year), n=rng.randint(8, 120))
        return d

    # -- products -------------------------------------------------------------------------------
    def certifications(self, p: _ProducerPlan, item: _Item, status: ProductStatus,
                       issued_year: int) -> list[dict]:
        rng, today = self.rng, self.today
        out: list[dict] = []
        ranked = status in (ProductStatus.CERTIFIED, ProductStatus.EXPIRED, ProductStatus.REVOKED)
        # A collective mark / geographical indication covers the products of its home area.
        if item.mark and p.area in item.areas and rng.random() < 0.6:
            kind, _mark_name, number = item.mark
            out.append({"kind": kind.value, "number": number, "expiry": None, "issuer": "Cục Sở hữu trí tuệ"})
        for kind in item.certs:
            chance = {_G.QUALITY_DECLARATION: 0.55, _G.TRADEMARK: 0.35, _G.VIETGAP: 0.3, _G.ORGANIC: 0.08,
                      _G.HACCP: 0.25, _G.ISO22000: 0.2}.get(kind, 0.2)
            if kind in (_G.HACCP, _G.ISO22000) and p.kind not in _ORG_KINDS:
                chance = 0.02
            if not ranked:
                chance *= 0.5
            if rng.random() >= chance:
                continue
            self.cert_seq += 1
            issued = _date_in(rng, dt.date(max(2016, issued_year - 3), 1, 1), today - dt.timedelta(days=15))
            yy = issued.year % 100
            if kind == _G.TRADEMARK:
                number, expiry = f"4-0{rng.randrange(200000, 560000):06d}-000", _add_years(issued, 10)
            elif kind == _G.VIETGAP:
                number = f"VietGAP-TT-{yy:02d}-{rng.randint(1, 40):02d}-{self.province.code:02d}-{self.cert_seq:04d}"
                expiry = _add_years(issued, rng.choice((2, 3)))
            elif kind == _G.ORGANIC:
                number, expiry = f"HC-{issued.year}-{self.cert_seq:04d}", _add_years(issued, 3)
            elif kind == _G.HACCP:
                number, expiry = f"HACCP-{issued.year}-{self.cert_seq:04d}", _add_years(issued, 3)
            elif kind == _G.ISO22000:
                number, expiry = f"ISO 22000:2018/{self.cert_seq:04d}", _add_years(issued, 3)
            else:  # quality declaration: the producer's own numbering
                number, expiry = f"{rng.randint(1, 12):02d}/{issued.year}/CBSP", None
            out.append({"kind": kind.value, "number": number, "expiry": expiry.isoformat() if expiry else None,
                        "issuer": rng.choice(_ISSUERS.get(kind, ("",)))})
        return out

    def product_name(self, p: _ProducerPlan, item: _Item) -> tuple[str, str]:
        """A product name not yet used by this producer, and the place word it names."""
        rng = self.rng
        for _attempt in range(12):
            template = rng.choice(item.names)
            place = self.item_place(item, p.commune)
            name = template.format(place=place, brand=p.brand) + rng.choice(item.variants)
            if fold(name) not in p.product_names:
                p.product_names.add(fold(name))
                return name, place
        name = f"{name} ({len(p.product_names) + 1})"
        p.product_names.add(fold(name))
        return name, place

    def description(self, item: _Item, place: str, status: ProductStatus) -> str:
        rng = self.rng
        parts = [item.desc.format(place=place)]
        if item.product_set == TOURISM_SET:
            pool = _DESC_TOURISM
        elif item.product_set in (21, 22, 23, 24, 25):
            pool = _DESC_CRAFT
        else:
            pool = _DESC_FOOD
        if not self.is_cb:
            pool = tuple(s for s in pool if "Cao Bằng" not in s)
        if item.product_set in (1, 2):  # fresh produce: no shelf life printed
            pool = tuple(s for s in pool if "Hạn sử dụng" not in s)
        for s in rng.sample(pool, rng.randint(0, 2)):
            parts.append(s.format(qty=f"{rng.randint(2, 60)} tấn", guests=rng.randint(10, 60)))
        if status == ProductStatus.IDEA:
            parts.append(_DESC_IDEA)
        return " ".join(parts)

    def plan_products(self, plans: list[_ProducerPlan], n: int):  # noqa: ANN201 - Iterator[ProductData]
        """Yield ``n`` normalised, validated products of the planned producers, in generation order.

        Statuses follow fixed shares (every status present from 12 products on); 4★/5★ go
        preferably to the stronger producer types; certified products are within their
        36-month validity, expired ones older; serial numbers follow each commune's register
        in the order the products entered it (by year).
        """
        from ocop_desktop.services.products import ProductData
        from ocop_desktop.services.validation import validate_product

        rng, today = self.rng, self.today
        if not plans or not n:
            return
        owners = list(range(len(plans)))[:n]  # every producer has a product while there are enough
        if n > len(owners):
            owners += rng.choices(range(len(plans)), weights=[p.weight for p in plans], k=n - len(owners))
        owners.sort()
        statuses = _quotas(n, _STATUS_SHARES, at_least_one_from=12)
        rng.shuffle(statuses)
        specs: list[tuple[int, _ProducerPlan, _Item, ProductStatus]] = []
        seen_owner: set[int] = set()
        for i, (owner, status) in enumerate(zip(owners, statuses, strict=True)):
            plan = plans[owner]
            item = plan.item
            # Most products are the producer's speciality; some are other kinds of its area.
            if plan.kind != ProducerKind.HOI and owner in seen_owner and rng.random() < 0.35:
                item = _weighted(rng, self.eligible_items(plan.commune, plan.kind))
            seen_owner.add(owner)
            specs.append((i, plan, item, status))

        ranked_statuses = (ProductStatus.CERTIFIED, ProductStatus.EXPIRED, ProductStatus.REVOKED)
        ranked = [sp for sp in specs if sp[3] in ranked_statuses]
        certified = [sp for sp in ranked if sp[3] == ProductStatus.CERTIFIED]
        n5 = round(len(certified) * _FIVE_STAR_SHARE) or (1 if len(certified) >= 40 else 0)
        n4 = max(1 if len(certified) >= 4 else 0, round(len(certified) * _FOUR_STAR_SHARE))
        score = {sp[0]: _STRENGTH[sp[1].kind] * rng.random() for sp in ranked}
        certified.sort(key=lambda sp: -score[sp[0]])
        stars = {sp[0]: 3 for sp in ranked}
        for sp in certified[:n5]:
            stars[sp[0]] = 5
        for sp in certified[n5:n5 + n4]:
            stars[sp[0]] = 4
        for sp in ranked:
            if sp[3] != ProductStatus.CERTIFIED and rng.random() < 0.2 * _STRENGTH[sp[1].kind]:
                stars[sp[0]] = 4

        rows = []
        for i, plan, item, status in specs:
            if status == ProductStatus.CERTIFIED:
                year = rng.randint(today.year - 2, today.year)
            elif status == ProductStatus.EXPIRED:
                year = rng.randint(2019, today.year - 3)
            elif status == ProductStatus.REVOKED:
                year = rng.randint(2019, today.year - 1)
            else:
                year = today.year
            rows.append((plan.commune, year, i, plan, item, status))
        rows.sort(key=lambda r: (r[0], r[1], r[2]))
        serial: dict[int, int] = {}
        out: list[tuple[int, ProductData]] = []
        for commune, year, i, plan, item, status in rows:
            serial[commune] = serial.get(commune, 0) + 1
            name, place = self.product_name(plan, item)
            data = ProductData(
                name=name, producer_id=plan.id, product_set=item.product_set, commune_code=commune,
                description=self.description(item, place, status),
                certifications=self.certifications(plan, item, status, year),
                status=status.value, stars=stars.get(i), code_serial=serial[commune], code_year=year,
            ).normalised()
            errors = validate_product(data, today=today)
            if errors:  # a generator bug, never the user's input
                raise RuntimeError(f"demo product {data.name!r} is invalid: {errors}")
            out.append((i, data))
        # In generation order: a natural-looking change log.
        out.sort(key=lambda t: t[0])
        for _i, data in out:
            yield data

