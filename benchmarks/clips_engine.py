"""The same knowledge base as CLIPS 6.4 rules (clipspy), for ``bench.py --clips``.

The point is an honest yardstick: CLIPS must do the *same matching work* as
gvc-advisor's experta network, so every piece is translated one for one:

* one deftemplate per fact name (``F_<name>`` with slots ``value`` and ``cf``),
  as the compiler makes one fact class per name;
* one defrule per branch of a rule's condition in normal form (the branches
  of :func:`gvc_advisor.engine.rete.normalize.dnf`, positive literals first),
  each literal a pattern on its template, a negative literal a ``(not ...)``;
  the value tests have the engine's type-guarded semantics (a number never
  equals a symbol, comparisons hold on numbers only);
* salience from the same strata and priorities, and after each stratum a
  *barrier* rule that declares the stratum's derived facts with their combined
  certainty, exactly as :mod:`gvc_advisor.engine.rete.compiler` does.

Certainty bookkeeping runs in CLIPS too: a firing keeps the best premise per
rule and conclusion in an instance whose name is the key (instance names are
hashed, so a lookup is constant time), and the barrier combines them with the
same EMYCIN formula and declares, of a single-valued fact, only the strongest
value (ties: the declared order, as ``AdvicePolicy.contenders``).
Recommendations are only recorded during the run (the engine combines them
lazily too) and combined afterwards, conflicts resolved as the engine's
policy does, to compare results.

Only the benchmark imports this module; clipspy is the optional ``bench`` extra.
"""

from __future__ import annotations

from typing import Any

import clips

from gvc_advisor.engine.certainty import combine, conclude
from gvc_advisor.engine.kb.model import KnowledgeBase
from gvc_advisor.engine.kb.rule_graph import strata
from gvc_advisor.engine.kb.schema.rules import SetFact, conclusion_key
from gvc_advisor.engine.policy import AdvicePolicy
from gvc_advisor.engine.rete.normalize import Literal, dnf, is_number

#: CLIPS salience must lie in -10000..10000: 250 per stratum leaves room for
#: priorities (±100) and the barrier (-125) of every stratum.
TOP, STEP, BARRIER = 9000, 250, 125

PRELUDE = (
    "(deftemplate kbmeta (slot threshold))",
    """(defclass EV (is-a USER)
  (slot kind) (slot target) (slot value) (slot stratum) (slot cf) (slot premise) (slot rank))""",
    """(defclass ACC (is-a USER)
  (slot target) (slot value) (multislot cfs) (slot total) (slot rank))""",
    "(defclass BEST (is-a USER) (slot acc))",
    """(deffunction beats (?a ?b)
  (bind ?ca (/ (round (* (send ?a get-total) 1000000)) 1000000))
  (bind ?cb (/ (round (* (send ?b get-total) 1000000)) 1000000))
  (if (<> ?ca ?cb) then (return (> ?ca ?cb)))
  (if (<> (send ?a get-rank) (send ?b get-rank)) then (return (< (send ?a get-rank) (send ?b get-rank))))
  (< (str-compare (str-cat (send ?a get-value)) (str-cat (send ?b get-value))) 0))""",
    """(deffunction combine-same (?values ?sign)
  (bind ?total 0.0)
  (foreach ?v ?values
    (if (and (> ?sign 0) (> ?v 0)) then (bind ?total (+ ?total (* ?v (- 1 ?total)))))
    (if (and (< ?sign 0) (< ?v 0)) then (bind ?total (+ ?total (* ?v (+ 1 ?total))))))
  ?total)""",
    """(deffunction mycin (?values)
  (bind ?pos (combine-same (sort > ?values) 1))
  (bind ?neg (combine-same (sort < ?values) -1))
  (if (= ?neg 0) then (return ?pos))
  (if (= ?pos 0) then (return ?neg))
  (bind ?m (min (abs ?pos) (abs ?neg)))
  (if (>= ?m 1.0) then (return 0.0))
  (/ (+ ?pos ?neg) (- 1 ?m)))""",
    """(deffunction note (?key ?kind ?target ?value ?stratum ?cf ?premise ?rank)
  (if (instance-existp ?key)
    then (if (> ?premise (send (instance-address ?key) get-premise))
           then (send (instance-address ?key) put-premise ?premise))
    else (make-instance ?key of EV (kind ?kind) (target ?target) (value ?value)
                        (stratum ?stratum) (cf ?cf) (premise ?premise) (rank ?rank))))""",
    """(deffunction settle (?stratum ?threshold)
  (bind ?accs (create$))
  (do-for-all-instances ((?e EV)) (and (eq ?e:kind fact) (= ?e:stratum ?stratum))
    (bind ?name (sym-cat "acc." ?e:target "." ?e:value))
    (bind ?c (* ?e:cf ?e:premise))
    (if (instance-existp ?name)
      then (slot-insert$ ?name cfs 1 ?c)
      else (make-instance ?name of ACC (target ?e:target) (value ?e:value) (cfs ?c) (rank ?e:rank))
           (bind ?accs (create$ ?accs ?name))))
  (foreach ?name ?accs  ; combined certainty; of a single-valued fact, the strongest value so far
    (bind ?acc (instance-address ?name))
    (send ?acc put-total (mycin (send ?acc get-cfs)))
    (if (and (> (send ?acc get-rank) 0) (>= (send ?acc get-total) ?threshold)) then
      (bind ?best (sym-cat "best." (send ?acc get-target)))
      (if (not (instance-existp ?best))
        then (make-instance ?best of BEST (acc ?name))
        else (if (beats ?acc (instance-address (send (instance-address ?best) get-acc)))
               then (send (instance-address ?best) put-acc ?name)))))
  (foreach ?name ?accs
    (bind ?acc (instance-address ?name))
    (bind ?cf (send ?acc get-total))
    (if (and (>= ?cf ?threshold)
             (or (= (send ?acc get-rank) 0)
                 (eq ?name (send (instance-address (sym-cat "best." (send ?acc get-target))) get-acc))))
      then
      (assert-string (format nil "(F_%s (value %s) (cf %f))"
                             (send ?acc get-target) (send ?acc get-value) ?cf)))))""",
)


def _atom(value: Any) -> str:
    return repr(value) if is_number(value) else str(value)


def _value_test(literal: Literal, var: str) -> str:
    """The ``(value ...)`` slot constraint of one literal (empty for ``known``)."""
    op, operand = literal.operator, literal.operand
    number = f"(and (numberp ?{var}) (= ?{var} {{}}))"
    if op == "known":
        return ""
    if op in ("equals", "not_equals"):
        test = f"?{var}&:{number.format(_atom(operand))}" if is_number(operand) else _atom(operand)
        if op == "not_equals":
            test = f"?{var}&:(not {number.format(_atom(operand))})" if is_number(operand) else f"~{test}"
        return f"(value {test})"
    if op in ("in", "not_in"):
        if any(is_number(o) for o in operand):
            alternatives = " ".join(number.format(_atom(o)) if is_number(o) else f"(eq ?{var} {_atom(o)})"
                                    for o in operand)
            test = f"(or {alternatives})"
            return f"(value ?{var}&:{test if op == 'in' else f'(not {test})'})"
        sep, prefix = ("|", "") if op == "in" else ("&", "~")
        return f"(value {sep.join(prefix + _atom(o) for o in operand)})"
    symbol = {"gt": ">", "ge": ">=", "lt": "<", "le": "<="}[op]
    return f"(value ?{var}&:(and (numberp ?{var}) ({symbol} ?{var} {_atom(operand)})))"


class ClipsEngine:
    """One CLIPS environment holding the translated knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.threshold = kb.meta.threshold
        self.policy = AdvicePolicy.from_kb(kb)
        self.env = clips.Environment()
        fact_strata, rule_strata = strata(kb.rules)
        self.fact_strata = fact_strata
        for construct in self._constructs(fact_strata, rule_strata):
            self.env.build(construct)
        self.templates = {name: self.env.find_template(f"F_{name}") for name in self._names()}

    def _names(self) -> list[str]:
        return sorted(set(self.kb.questions) | set(self.kb.facts))

    def _constructs(self, fact_strata: dict[str, int], rule_strata: dict[str, int]) -> list[str]:
        out = list(PRELUDE)
        out += [f"(deftemplate F_{name} (slot value) (slot cf))" for name in self._names()]

        for stratum in sorted(set(fact_strata.values())):
            out.append(f"(defrule barrier-{stratum} (declare (salience {self._salience(stratum, -BARRIER)})) "
                       f"(kbmeta (threshold ?t)) => (settle {stratum} ?t))")
        for rule in self.kb.rules:
            salience = self._salience(rule_strata[rule.id], rule.priority)
            for index, branch in enumerate(dnf(rule.when)):
                branch = tuple(sorted(branch, key=lambda lit: not lit.positive))
                out.append(self._defrule(rule, index, branch, salience))
        return out

    @staticmethod
    def _salience(stratum: int, offset: int) -> int:
        salience = TOP - STEP * stratum + offset
        if salience < -10000:
            raise ValueError(f"too many strata ({stratum}) for CLIPS salience")
        return salience

    def _defrule(self, rule: Any, index: int, branch: tuple[Literal, ...], salience: int) -> str:
        patterns, cfs = [], []
        for i, literal in enumerate(branch):
            slots = _value_test(literal, f"v{i}")
            if literal.positive and literal.weighted:
                slots += f" (cf ?c{i})"
                cfs.append(f"?c{i}")
            pattern = f"(F_{literal.fact} {slots})"
            patterns.append(pattern if literal.positive else f"(not {pattern})")
        premise = "1.0" if not cfs else cfs[0] if len(cfs) == 1 else f"(min {' '.join(cfs)})"
        actions = []
        for action in rule.then:
            kind, target, value = conclusion_key(action)
            # a fact no rule reads is never declared (as in the compiler): settled after the run
            stratum = self.fact_strata.get(target, -1) if isinstance(action, SetFact) else -1
            key = f"ev.{rule.id}.{kind}.{target}.{value}"
            # a single-valued fact's values rank 1, 2… in declared order (0: any other conclusion)
            order = self.policy.single.get(target, ()) if kind == "fact" else ()
            rank = order.index(value) + 1 if value in order else len(order) + 1 if order else 0
            actions.append(f"(note [{key}] {kind} {target} {value or 'nil'} {stratum} {action.cf!r} ?p {rank})")
        return (f"(defrule {rule.id}--{index} (declare (salience {salience})) "
                f"{' '.join(patterns)} => (bind ?p {premise}) {' '.join(actions)})")

    def consult(self, answers: dict[str, Any]) -> None:
        """Reset, assert the established answers, run (answers: name → Answer)."""
        env = self.env
        env.reset()
        env.find_template("kbmeta").assert_fact(threshold=self.threshold)

        for name, answer in sorted(answers.items()):
            if answer.cf >= self.threshold:
                value = answer.value if is_number(answer.value) else clips.Symbol(answer.value)
                self.templates[name].assert_fact(value=value, cf=float(answer.cf))
        env.run()

    def conclusions(self) -> dict[str, float]:
        """Established facts and made recommendations of the last run, ``name=value`` → cf,
        in the form of :func:`engine_conclusions`."""
        found: dict[str, float] = {}
        for fact in self.env.facts():
            name = fact.template.name
            if name.startswith("F_") and name[2:] in self.kb.facts:
                found[f"{name[2:]}={fact['value']}"] = round(fact["cf"], 6)
        unsettled: dict[str, list[float]] = {}
        for instance in self.env.instances():
            if instance.instance_class.name == "EV" and instance["stratum"] == -1:
                kind, target = str(instance["kind"]), str(instance["target"])
                key = f"recommend={target}" if kind == "recommendation" else f"{target}={instance['value']}"
                if kind in ("recommendation", "fact"):
                    unsettled.setdefault(key, []).append(conclude(instance["cf"], instance["premise"]))
        made, values = [], {}
        for key, cfs in unsettled.items():
            cf = combine(cfs)
            if key.startswith("recommend="):
                if cf >= self.threshold:
                    made.append((key.removeprefix("recommend="), cf))
            else:
                name, value = key.split("=", 1)
                values.setdefault(name, []).append((str(value), cf))
        for name, candidates in values.items():  # established values (single-valued: the strongest)
            established = self.policy.contenders(name, candidates)
            found.update((f"{name}={value}", cf) for value, cf in
                         (established[:1] if name in self.policy.single else established))
        kept, _ = self.policy.resolve_conflicts(made)  # after the run, as the engine does it
        found.update((f"recommend={rec_id}", cf) for rec_id, cf in kept)
        return found


def engine_conclusions(consultation: Any) -> dict[str, float]:
    """The same view of a gvc-advisor consultation: established facts, made advice."""
    found = {f"{name}={value}": round(cf, 6)
             for name in consultation.facts for value, cf in consultation.established(name)
             if name not in consultation.answers}
    found.update({f"recommend={c.target}": round(c.cf, 6) for c in consultation.recommended})
    return found
