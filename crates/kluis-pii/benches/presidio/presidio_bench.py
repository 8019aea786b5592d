"""Presidio (pattern-only, no NLP model) on the same inputs as benches/detect.rs: MB/s and entity F1.

usage: presidio_bench.py CORPUS_FILE [--mb N] [--dev-texts DIR --dev-labels labels.jsonl --score score.py]
"""
import argparse, json, os, subprocess, sys, tempfile, time, logging

logging.disable(logging.CRITICAL)  # tldextract logs a network traceback; it falls back to its bundled list

from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import NoOpNlpEngine
from presidio_analyzer.predefined_recognizers import PhoneRecognizer, CreditCardRecognizer

LANG = "en"  # the predefined recognizers are registered for en; nl gets fewer (no credit cards)


def engine():
    nlp = NoOpNlpEngine(models=[{"lang_code": LANG, "model_name": "none"}])
    reg = RecognizerRegistry(supported_languages=[LANG])
    reg.load_predefined_recognizers(languages=[LANG], nlp_engine=nlp)
    # Give Presidio its best chance on NL/BE numbers (pii-detection.md): phone regions NL and BE.
    reg.remove_recognizer("PhoneRecognizer")
    reg.add_recognizer(PhoneRecognizer(supported_language=LANG, supported_regions=["NL", "BE"]))
    return AnalyzerEngine(registry=reg, nlp_engine=nlp, supported_languages=[LANG], default_score_threshold=0.4)


MAP = {"EMAIL_ADDRESS": "email", "PHONE_NUMBER": "phone", "IBAN_CODE": "iban", "CREDIT_CARD": "credit_card",
       "IP_ADDRESS": "ip_address", "PERSON": "person_name", "LOCATION": "address"}


def docs_of(text, size=65536):
    out, start = [], 0
    while start < len(text):
        end = min(start + size, len(text))
        nl = text.find("\n", end - 1)
        end = len(text) if nl < 0 else nl + 1
        out.append(text[start:end])
        start = end
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--mb", type=float, default=2.0)
    ap.add_argument("--dev-texts")
    ap.add_argument("--dev-labels")
    ap.add_argument("--score")
    a = ap.parse_args()
    eng = engine()
    eng.analyze(text="warm up 06 12345678 jan@example.nl", language=LANG)
    text = open(a.corpus, encoding="utf-8").read()[: int(a.mb * 1_000_000)]
    docs = docs_of(text)
    t0 = time.process_time()
    n = sum(len(eng.analyze(text=d, language=LANG)) for d in docs)
    secs = time.process_time() - t0
    mb = len(text.encode()) / 1e6
    print(f"presidio corpus: {mb:.1f} MB in {len(docs)} docs, {n} results, {mb / secs:.2f} MB/s cpu")
    if a.dev_texts and a.dev_labels and a.score:
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as out:
            total, t0 = 0, time.process_time()
            for line in open(a.dev_labels, encoding="utf-8"):
                f = json.loads(line)["file"]
                p = os.path.join(a.dev_texts, f + ".txt")
                if not os.path.exists(p):
                    continue
                t = open(p, encoding="utf-8").read()
                total += len(t.encode())
                res = eng.analyze(text=t, language=LANG)
                finds = [{"type": MAP[r.entity_type], "value": t[r.start:r.end]} for r in res if r.entity_type in MAP]
                out.write(json.dumps({"path": f, "class": "other", "personal_data": "generic" if finds else "none",
                                      "special_categories": [], "findings": finds}) + "\n")
            secs = time.process_time() - t0
        r = subprocess.run([sys.executable, a.score, a.dev_labels, out.name, "--json"], capture_output=True, text=True)
        s = json.loads(r.stdout)
        print(f"presidio dev set: entity precision {s['entity_precision']} recall {s['entity_recall']} F1 {s['entity_f1']} "
              f"({total / 1e6 / secs:.2f} MB/s cpu on {total // 1000} KB)")


if __name__ == "__main__":
    main()
